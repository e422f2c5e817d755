"""render.yaml (Render Blueprint): what each Render service starts and how many copies.

https://render.com/docs/blueprint-spec: `services[]` with `type` web, pserv, worker, cron
(keyvalue/redis start nothing of ours); `runtime` (legacy `env`) docker/image or a
native runtime; `startCommand` for native runtimes, `dockerCommand` replaces the image's
CMD (default: the Dockerfile's command), `dockerfilePath`/`dockerContext`, `rootDir`;
copies: `scaling.maxInstances` when autoscaling is set, else `numInstances`, else 1.
`preDeployCommand` runs once before each deploy, not as a process; a cron job runs on its
schedule and exits. Every deploy starts the new instance beside the old one, which gets
SIGTERM about 60 s later (then `maxShutdownDelaySeconds`, default 30): an overlap on
every deploy, none for a service with a `disk`
(https://render.com/docs/deploys#zero-downtime-deploys). Preview environments (a copy of the
services per pull request): formats/render_previews.py.
"""
from __future__ import annotations

import posixpath

from ..model import Command, Copies, Launch, Location, Overlap, Target
from ..repo import Repo, join
from . import platform_common as kit
from .names import is_render

DOCS = "https://render.com/docs/blueprint-spec"
RUNNING_TYPES = ("web", "pserv", "worker", "cron")
MODELLED = ("type", "name", "runtime", "env", "rootDir", "startCommand", "dockerCommand", "dockerfilePath",
            "dockerContext", "preDeployCommand", "numInstances", "scaling", "disk", "maxShutdownDelaySeconds", "schedule")
KNOWN = frozenset({"plan", "region", "repo", "branch", "buildCommand", "envVars", "healthCheckPath", "autoDeploy",
                   "autoDeployTrigger", "buildFilter", "domains", "previews", "pullRequestPreviewsEnabled", "image",
                   "registryCredential", "staticPublishPath", "headers", "routes", "ipAllowList", "maxmemoryPolicy",
                   "initialDeployHook", "buildPlan", "runtimeSource", "projects", "group"})


def targets(repo: Repo) -> list[Target]:
    found = []
    from .names import in_ci_dir

    for path in repo.named(is_render):
        if in_ci_dir(path):  # `.github/workflows/render.yml` deploys to Render: a workflow, not a Blueprint
            continue
        if _root_copy(repo, path):
            continue  # `config/render.yaml` byte for byte the root Blueprint: a stored copy, read once
        target = _target(repo, path)
        if target is not None:
            found.append(target)
    return found


def _root_copy(repo: Repo, path: str) -> bool:
    """A Blueprint below the root with the same text as the root one of that name: Render
    reads the root one (and runs its commands from the repository root, not from the copy's
    folder); the copy would only repeat it from the wrong directory."""
    name = posixpath.basename(path)
    if "/" not in path or not repo.exists(name):
        return False
    text = repo.read_text(path)
    return text is not None and text == repo.read_text(name)


def _target(repo: Repo, path: str) -> Target | None:
    from .. import yamlfile

    data = kit.yaml_mapping(repo, path, "render.yaml must be a mapping with a `services` list", DOCS)
    if data is None:
        return None
    services = data.get("services")
    if services is None:
        return None
    if not isinstance(services, list):
        repo.problem("DPL002", yamlfile.where(path, data, "services"), "render.yaml: `services` must be a list",
                     f"write `services:` as a list of `- type: ... name: ...` entries ({DOCS})")
        return None
    target = Target("render", path, Location(path, 1, 1), env={"RENDER": "true", "IS_PULL_REQUEST": "false"})
    for index, service in enumerate(services):
        where = yamlfile.where(path, services, index)
        if not isinstance(service, dict):
            repo.problem("DPL002", where, f"render.yaml: services[{index}] must be a mapping", f"see {DOCS}")
            continue
        launch = _launch(repo, path, service, where, index)
        if launch is not None and launch.runs:
            from .render_previews import overlap as preview

            extra = preview(repo, path, data, service, launch.name)
            if extra is not None:
                launch.overlaps.append(extra)
        if launch is not None:
            target.launches.append(launch)
            target.launches.extend(_pre_deploy(repo, path, service, launch))
    return target


def _launch(repo: Repo, path: str, service: dict, where: Location, index: int) -> Launch | None:
    from .. import yamlfile

    kind = service.get("type")
    name = service.get("name") if isinstance(service.get("name"), str) else f"services[{index}]"
    kit.typos(repo, service, MODELLED, KNOWN, lambda key: yamlfile.where(path, service, key), f"render.yaml service `{name}`", DOCS)
    if not isinstance(kind, str):
        repo.problem("DPL002", where, f"render.yaml: service `{name}` has no `type`",
                     f"set `type:` to web, pserv, worker or cron ({DOCS})")
        return None
    if kind not in RUNNING_TYPES:
        return None  # keyvalue, redis: Render runs them, not our code
    base = posixpath.dirname(path)
    root = join(base, service["rootDir"]) if isinstance(service.get("rootDir"), str) else base
    runtime = service.get("runtime", service.get("env"))
    label = f"Render {kind} `{name}`"
    copies = _copies(repo, path, service, name)
    if runtime in ("docker", "image") or "dockerCommand" in service or "dockerfilePath" in service:
        command = kit.shell_command(yamlfile.value_where(path, service, "dockerCommand"), service.get("dockerCommand"))
        if runtime == "image":
            launch = Launch(name, label, where, command, copies, cwd=root)
            if command is None:
                repo.problem("DPL004", where, f"Render service `{name}` runs a prebuilt image whose command deploylint cannot see",
                             "set `dockerCommand:` so the start command can be checked")
        else:
            dockerfile = _beside_root(repo, base, root, service.get("dockerfilePath"), "Dockerfile")
            context = _beside_root(repo, base, root, service.get("dockerContext"), "")
            if not repo.exists(dockerfile):
                repo.problem("DPL003", yamlfile.value_where(path, service, "dockerfilePath") if "dockerfilePath" in service else where,
                             f"Render service `{name}` builds {dockerfile}, which is not in the repository",
                             "fix `dockerfilePath` (relative to the service's `rootDir` when it has one, else to the "
                             "repository root), or commit the Dockerfile")
            launch = kit.image_launch(repo, dockerfile, context, name=name, label=label, location=where, cmd=command,
                                      copies=copies)
    else:
        start = service.get("startCommand")
        command = None
        if isinstance(start, str) and start.strip():
            key = yamlfile.value_where(path, service, "startCommand")
            command = Command(repo.value_location(key, start) if "\n" not in start else key, shell=start.strip())
        elif start is not None:
            repo.problem("DPL002", yamlfile.where(path, service, "startCommand"),
                         f"render.yaml: service `{name}`: `startCommand` must be a string", f"see {DOCS}")
        else:
            repo.problem("DPL004", where, f"Render service `{name}` has no `startCommand`; its start command is set in the dashboard",
                         "add `startCommand:` to render.yaml so the start command can be checked")
        launch = Launch(name, label, where, command, copies, cwd=root)
    launch.role = "web" if kind in ("web", "pserv") else "worker"
    if kind == "cron":
        launch.runs = False
        launch.note = f"cron job (schedule `{service.get('schedule', '?')}`): runs on its schedule and exits"
    elif "disk" in service:
        launch.note = "has a disk: Render stops the old instance before starting the new one"
    else:
        delay = kit.count(repo, service.get("maxShutdownDelaySeconds"), yamlfile.value_where(path, service, "maxShutdownDelaySeconds"),
                          "maxShutdownDelaySeconds", default=30) if "maxShutdownDelaySeconds" in service else 30
        launch.overlaps.append(Overlap(
            f"Render's zero-downtime deploy (the old instance gets SIGTERM ~60 s after the new one is live, "
            f"SIGKILL {delay} s later)", where, platform="render",
            switch="attach a `disk:` to this service (Render then stops the old instance before it starts the new one; "
                   + ("a disk needs a paid instance type, not `plan: free`; " if str(service.get("plan")).strip().lower() == "free" else "")
                   + "https://render.com/docs/deploys#zero-downtime-deploys)"))
    return launch


def _copies(repo: Repo, path: str, service: dict, name: str) -> Copies:
    from .. import yamlfile

    scaling = service.get("scaling")
    if isinstance(scaling, dict) and "maxInstances" in scaling:
        where = yamlfile.value_where(path, scaling, "maxInstances")
        top = kit.count(repo, scaling.get("maxInstances"), where, f"service `{name}`: scaling.maxInstances", default=1, minimum=1)
        if top and top > 1:
            return Copies(top, f"scaling.maxInstances = {top} (autoscaling)", yamlfile.where(path, scaling, "maxInstances"))
        return Copies()
    if scaling is not None and not isinstance(scaling, dict):
        repo.problem("DPL002", yamlfile.where(path, service, "scaling"), f"render.yaml: service `{name}`: `scaling` must be a mapping",
                     f"see {DOCS}")
    if "numInstances" in service:
        where = yamlfile.value_where(path, service, "numInstances")
        number = kit.count(repo, service.get("numInstances"), where, f"service `{name}`: numInstances", default=1, minimum=1)
        if number and number > 1:
            return Copies(number, f"numInstances = {number}", yamlfile.where(path, service, "numInstances"))
    return Copies()


def _pre_deploy(repo: Repo, path: str, service: dict, launch: Launch) -> list[Launch]:
    from .. import yamlfile

    text = service.get("preDeployCommand")
    if not isinstance(text, str) or not text.strip():
        return []
    key = yamlfile.where(path, service, "preDeployCommand")
    command = Command(repo.value_location(yamlfile.value_where(path, service, "preDeployCommand"), text), shell=text.strip())
    return [Launch(f"{launch.name} preDeployCommand", f"Render `{launch.name}` preDeployCommand", key, command,
                   cwd=launch.cwd, role="release", runs=False, note="runs once before each deploy")]


def _beside_root(repo: Repo, base: str, root: str, value, default: str) -> str:
    """`dockerfilePath` / `dockerContext` of a service: Render makes nothing outside a
    service's `rootDir` available to its build, so a path is read in `rootDir` first, then
    from the repository root (`dockerfilePath: bot/Dockerfile` beside `rootDir: bot`);
    the default is `rootDir` itself (its Dockerfile)."""
    if not isinstance(value, str) or not value.strip():
        return join(root, default) if default else root
    inside = join(root, value)
    if root != base and not repo.exists(inside) and not repo.is_dir(inside):
        beside = join(base, value)
        if repo.exists(beside) or repo.is_dir(beside):
            return beside
    return inside
