"""DigitalOcean App Platform app spec (`.do/app.yaml`, `.do/deploy.template.yaml`, and a spec
the repository deploys by name: `doctl apps create --spec PATH`, see digitalocean_specs.py).

https://docs.digitalocean.com/products/app-platform/reference/app-spec/: `services[]`
(HTTP) and `workers[]` run continuously, `jobs[]` run around deploys (PRE_DEPLOY,
POST_DEPLOY, FAILED_DEPLOY) or on a schedule; `run_command` (default: the buildpack's
start or the Dockerfile's command), `dockerfile_path`, `source_dir`; copies:
`instance_count` (default 1) or `autoscaling.max_instance_count`. A deploy template puts
the spec under `spec:`.
Every deploy (and restart) of a service or worker is rolling: the new container starts
while the old one runs; the old one is selected for termination, gets SIGTERM
`termination.drain_seconds` later (default 15) and SIGKILL `grace_period_seconds` after
that (default 120). App Platform has no volumes and no setting that stops the old
container first. https://docs.digitalocean.com/products/app-platform/how-to/configure-termination/,
https://docs.digitalocean.com/products/app-platform/how-to/restart-rebuild-app/ ("a rolling
restart of its service and worker components").
"""
from __future__ import annotations

import posixpath

from ..model import Command, Copies, Launch, Location, Overlap, Target
from ..repo import Repo, join
from . import platform_common as kit
from .names import is_digitalocean

DOCS = "https://docs.digitalocean.com/products/app-platform/reference/app-spec/"
TERMINATION = "https://docs.digitalocean.com/products/app-platform/how-to/configure-termination/"
MODELLED = ("name", "run_command", "instance_count", "autoscaling", "dockerfile_path", "source_dir", "kind", "image")
KNOWN = frozenset({"github", "gitlab", "git", "bitbucket", "environment_slug", "build_command", "envs", "instance_size_slug",
                   "http_port", "routes", "health_check", "cors", "internal_ports", "alerts", "log_destinations",
                   "termination", "liveness_health_check", "protocol", "ingress", "schedule"})


def targets(repo: Repo) -> list[Target]:
    from .digitalocean_specs import named_specs

    found = []
    paths = [path for path in repo.named(is_digitalocean) if posixpath.basename(posixpath.dirname(path)) == ".do"]
    paths += [path for path in named_specs(repo) if path not in paths]  # `doctl apps create --spec deploy/spec.yml`
    for path in paths:
        target = _target(repo, path)
        if target is not None:
            found.append(target)
    return found


def _target(repo: Repo, path: str) -> Target | None:
    from .. import yamlfile

    data = kit.yaml_mapping(repo, path, "app spec must be a mapping (name, services, workers...)", DOCS, unwrap="spec")
    if data is None:
        return None
    # the directory holding .do/; a spec named elsewhere (`--spec deploy/spec.yml`): source_dir is from the root
    root = posixpath.dirname(posixpath.dirname(path)) if posixpath.basename(posixpath.dirname(path)) == ".do" else ""
    target = Target("digitalocean", path, Location(path, 1, 1))
    for section, role in (("services", "web"), ("workers", "worker"), ("jobs", "release")):
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            repo.problem("DPL002", yamlfile.where(path, data, section), f"app spec: `{section}` must be a list", f"see {DOCS}")
            continue
        for index, item in enumerate(items):
            where = yamlfile.where(path, items, index)
            if not isinstance(item, dict):
                repo.problem("DPL002", where, f"app spec: {section}[{index}] must be a mapping", f"see {DOCS}")
                continue
            target.launches.append(_launch(repo, path, root, section, role, item, where, index))
    return target


def _launch(repo: Repo, path: str, root: str, section: str, role: str, item: dict, where: Location, index: int) -> Launch:
    from .. import yamlfile

    name = str(item.get("name", f"{section}[{index}]"))
    label = f"DigitalOcean {section[:-1]} `{name}`"
    kit.typos(repo, item, MODELLED, KNOWN, lambda key: yamlfile.where(path, item, key), f"app spec {section[:-1]} `{name}`", DOCS)
    cwd = join(root, item["source_dir"]) if isinstance(item.get("source_dir"), str) else root
    copies = _copies(repo, path, item, name)
    run = item.get("run_command")
    command = None
    if isinstance(run, str) and run.strip():
        key = yamlfile.value_where(path, item, "run_command")
        command = Command(repo.value_location(key, run) if "\n" not in run else key, shell=run.strip())
    elif run is not None:
        repo.problem("DPL002", yamlfile.where(path, item, "run_command"), f"app spec: `{name}`: run_command must be a string",
                     f"see {DOCS}")
    if isinstance(item.get("dockerfile_path"), str):
        dockerfile = join(root, item["dockerfile_path"])
        if not repo.exists(dockerfile):
            repo.problem("DPL003", yamlfile.value_where(path, item, "dockerfile_path"),
                         f"{label} builds {dockerfile}, which is not in the repository", "fix dockerfile_path or commit the Dockerfile")
        launch = kit.image_launch(repo, dockerfile, cwd, name=name, label=label, location=where, cmd=command, copies=copies)
    else:
        launch = Launch(name, label, where, command, copies, cwd=cwd)
        if command is None and role != "release" and not isinstance(item.get("image"), dict):
            repo.problem("DPL004", where, f"{label} has no run_command; the buildpack picks the start command",
                         "set `run_command:` so the start command can be checked")
    launch.role = role
    if role == "release":
        kind = item.get("kind", "PRE_DEPLOY")
        launch.runs = False
        launch.note = f"job ({kind}): runs and exits"
    else:
        launch.overlaps.append(_rolling(repo, path, item, where))
    return launch


def _rolling(repo: Repo, path: str, item: dict, where: Location) -> Overlap:
    """The rolling deploy of a service or worker: the old container runs beside the new one
    until it is drained and stopped (termination settings, defaults 15 s and 120 s)."""
    from .. import yamlfile

    termination = item.get("termination") if isinstance(item.get("termination"), dict) else {}
    seconds = {}
    for key, default in (("drain_seconds", 15), ("grace_period_seconds", 120)):
        number = None
        if key in termination:
            number = kit.count(repo, termination.get(key), yamlfile.value_where(path, termination, key),
                               f"termination.{key}", default=default, minimum=0)
        seconds[key] = default if number is None else number
    return Overlap(
        f"DigitalOcean's rolling deploy (the old container gets SIGTERM {seconds['drain_seconds']} s after the new one "
        f"is up, SIGKILL {seconds['grace_period_seconds']} s later)", where, platform="digitalocean",
        switch=(f"shorten the overlap with a small `termination.grace_period_seconds` on this component (App Platform "
                f"has no setting that stops the old container first; {TERMINATION})"))


def _copies(repo: Repo, path: str, item: dict, name: str) -> Copies:
    from .. import yamlfile

    scaling = item.get("autoscaling")
    if isinstance(scaling, dict) and "max_instance_count" in scaling:
        where = yamlfile.value_where(path, scaling, "max_instance_count")
        number = kit.count(repo, scaling.get("max_instance_count"), where, f"`{name}` autoscaling.max_instance_count", minimum=1)
        if number and number > 1:
            return Copies(number, f"autoscaling.max_instance_count = {number}", yamlfile.where(path, scaling, "max_instance_count"))
        return Copies()
    if "instance_count" in item:
        where = yamlfile.value_where(path, item, "instance_count")
        number = kit.count(repo, item.get("instance_count"), where, f"`{name}` instance_count", minimum=0)
        if number is not None and number > 1:
            return Copies(number, f"instance_count = {number}", yamlfile.where(path, item, "instance_count"))
    return Copies()
