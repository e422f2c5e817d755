"""Docker Compose files: one Target per way of running `docker compose up`.

Compose spec (https://github.com/compose-spec/compose-spec/blob/main/spec.md):
- `services.<name>.command` replaces the image CMD and `entrypoint` replaces the image
  ENTRYPOINT and drops its CMD; a string is split into words without a shell (exec
  form), a list is used as is; `$$` is a literal `$`;
- `build:` (a context string, or context/dockerfile/target) runs the Dockerfile's final
  command (Docker's ENTRYPOINT/CMD table, see `dockerfile.py`); a context interpolated
  from the environment (`${SERVICES_DIR:?}/bot`) is only known at run time unless `.env`
  or a default gives it (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/);
- copies: `deploy.replicas`, `scale`, `deploy.mode: global` (one per node);
- `profiles`: the service starts only when one of its profiles is enabled;
- `extends` (same file or `file:`) and override files merge with the Compose merge
  rules (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/):
  mappings merge, `command`/`entrypoint` and scalars replace, other sequences append,
  `environment`/`labels` merge by name, `!reset` removes and `!override` replaces;
- which files combine (`-f a -f b`, overrides beside or away from their base): see
  compose_projects.py; the merge itself: compose_merge.py; `extends` and `include`:
  compose_extends.py (read only when a file uses them); a service's command from its
  image or build: compose_image.py; bind mounts, working_dir and environment:
  compose_runtime.py.
"""
from __future__ import annotations

import posixpath
import shlex
from ..model import PER_ASSUMED, Command, Copies, Launch, Location, Overlap, Target
from ..repo import Repo, join
from ..safe import to_int
from .. import yamlfile
from .compose_image import _build, _from_image, _without_image
from .compose_runtime import _INTERPOLATED, _env_files, _environment
from .compose_merge import Service, _combined, _index, _key_where, _normalise, _tag, merge  # noqa: F401


# -- files ----------------------------------------------------------------------------
def load(repo: Repo, path: str):
    """A compose file's top-level mapping (validated once), or None after DPL001/DPL002."""
    return repo.memo(("compose", path), lambda: _load(repo, path))


def _load(repo: Repo, path: str):
    data = yamlfile.load(repo, path, "fix the YAML syntax of the compose file")
    if data is None:
        return None
    if not isinstance(data, dict):
        repo.problem("DPL002", Location(path, 1, 1), "a compose file must be a mapping at the top level",
                     "start the file with `services:`")
        return None
    if "services" not in data:
        from .compose_legacy import format_v1

        if format_v1(repo, path, data, _key_where):  # services at the top level: one finding, no schema check
            return data
    from .. import schema

    schema.check(repo, _without_resets(data), "compose", lambda keys: _locate(path, data, keys), what=path)
    return data


def _without_resets(node):
    """The document without `!reset` values (valid Compose the schema cannot express)."""
    if isinstance(node, dict):
        return {k: _without_resets(v) for k, v in node.items() if _tag(v) != "!reset"}
    if isinstance(node, list):
        return [_without_resets(v) for v in node]
    return node


def _locate(path: str, data, keys: tuple) -> Location:
    node, where = data, Location(path, 1, 1)
    for key in keys:
        if isinstance(node, dict) and key in node:
            where = _key_where(path, node, key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            where = yamlfile.where(path, node, key)
        else:
            break
        node = node[key]
    return where


def services(repo: Repo, path: str) -> dict[str, Service]:
    """The services of one file, `extends` and `include` resolved."""
    return repo.memo(("compose-services", path), lambda: _services(repo, path)) or {}


def _services(repo: Repo, path: str, depth: int = 0) -> dict[str, Service]:
    data = load(repo, path)
    if data is None:
        return {}
    raw = data.get("services")
    found: dict[str, Service] = {}
    if data.get("include") is not None:
        from .compose_extends import MAX_INCLUDES, includes

        for other in includes(repo, path, data):
            if depth >= MAX_INCLUDES:  # an explicit budget: include chains are short
                repo.problem("DPL006", yamlfile.where(path, data, "include"), f"`include` chain nested more than "
                             f"{MAX_INCLUDES} files deep; {other} was not read", "include the files from one compose file")
                continue
            found.update(repo.memo(("compose-services", other), lambda other=other: _services(repo, other, depth + 1)) or {})
    if not isinstance(raw, dict):
        return found
    own = {name: _raw_service(path, raw, name) for name in raw}
    for name, service in own.items():
        if service.data.get("extends") is None:
            found[name] = _combined(None, service)
            continue
        from .compose_extends import extended

        found[name] = extended(repo, path, own, name, ())
    return found


def _raw_service(path: str, raw, name) -> Service:
    body = raw[name] if isinstance(raw[name], dict) else {}
    keys: dict[tuple, Location] = {}
    values: dict[tuple, Location] = {}
    _index(path, body, (), keys, values)
    directory = posixpath.dirname(path)
    return Service(str(name), body, _key_where(path, raw, name), keys, values, {k: directory for k in body})


# -- targets --------------------------------------------------------------------------
def projects(repo: Repo) -> list[list[str]]:
    """The file lists `docker compose` would be run with (see compose_projects)."""
    from .compose_projects import projects as found

    return [list(p.files) for p in found(repo)]


def targets(repo: Repo) -> list[Target]:
    from .compose_projects import projects as found

    result = []
    for project in found(repo):
        target = _target(repo, project)
        if target is not None:
            result.append(target)
    return result


def _target(repo: Repo, project) -> Target | None:
    files = list(project.files)
    merged: dict[str, Service] = {}
    base_names: set[str] = set()
    loaded = False
    project_dir = posixpath.dirname(files[0]) if project.directory is None else project.directory
    for index, path in enumerate(files):
        if load(repo, path) is None:
            continue
        loaded = True
        for name, service in services(repo, path).items():
            if index == 0:
                base_names.add(name)
            service = _rebased(service, posixpath.dirname(path), project_dir)
            merged[name] = _combined(merged.get(name), service) if name in merged else service
    if not loaded:
        return None
    target = Target("compose", " + ".join(files), Location(files[0], 1, 1))
    # images this project builds itself: a service that only names one runs this repo's code
    built_images = {s.get("image") for s in merged.values() if s.get("build") is not None
                    and isinstance(s.get("image"), str)}
    from .compose_depends import completed_first

    one_shots = completed_first(merged)
    for service in merged.values():
        standalone = service.name in base_names and not project.from_override
        launch = _launch(repo, service, target, standalone, built_images)
        if project.why is not None:
            launch.steps = [project.why]
        if service.name in one_shots and launch.runs:
            launch.role = "release"  # a one-shot: it ends before the services that wait for it start
            launch.note = (f"runs to completion before {one_shots[service.name]} starts "
                           "(`depends_on` condition `service_completed_successfully`)")
        target.launches.append(launch)
    return target


def _rebased(service: Service, own_dir: str, project_dir: str) -> Service:
    """A later `-f` file's relative paths resolve against the project (first file's) directory."""
    if own_dir == project_dir:
        return service
    dirs = {key: project_dir if where == own_dir else where for key, where in service.dirs.items()}
    return Service(service.name, service.data, service.location, service.keys, service.values, dirs)


def _launch(repo: Repo, service: Service, target: Target, standalone: bool = True,
            built_images: frozenset | set = frozenset()) -> Launch:
    command, entrypoint = _words(repo, service, "command"), _words(repo, service, "entrypoint")
    launch = Launch(service.name, f"compose service `{service.name}`", service.location, None,
                    role="web" if service.get("ports") else "worker",
                    env={**_env_files(repo, service), **_environment(service.get("environment"))})
    directory = service.dirs.get("build", posixpath.dirname(service.location.path))
    build = service.get("build")
    built = _build(repo, service, build, directory) if isinstance(build, dict) else None
    if isinstance(build, dict):  # which Dockerfile of which context: told apart, not resolved
        launch.built_from = " ".join([directory, *(str(build.get(key, "")) for key in ("context", "dockerfile", "target"))])
    if built is not None:
        dc, context = built
        _from_image(repo, service, launch, target, dc, context, command, entrypoint)
    else:
        _without_image(repo, service, launch, command, entrypoint, has_build=isinstance(build, dict) or not standalone,
                       built_images=built_images)
        if isinstance(build, dict):  # built from a git submodule that is not checked out: its files are there
            from ..submodules import containing

            context = repo.home(join(directory, str(build.get("context", "."))))
            if containing(repo, context):
                launch.cwd = context
    launch.copies, launch.runs, launch.note = _copies(service)
    _profiles(service, launch)
    order = service.get("deploy", "update_config", "order")
    if order == "start-first":
        launch.overlaps.append(Overlap("deploy.update_config.order: start-first", service.value("deploy", "update_config", "order")))
    return launch


def _words(repo: Repo, service: Service, key: str) -> Command | None:
    """`command`/`entrypoint` as exec form: Compose splits a string into words, no shell."""
    value = service.get(key)
    where = service.value(key)
    if isinstance(value, (str, list)) and "${" in str(value):  # `${ENABLE:-start}`: its default
        from .compose_interpolate import interpolate, project_env

        env = project_env(repo, service.location.path)
        value = interpolate(value, env) if isinstance(value, str) else [interpolate(str(v), env) for v in value]
    if isinstance(value, str):
        text = value.replace("$$", "$")
        try:
            return Command(where, argv=tuple(shlex.split(text)))
        except ValueError as error:
            repo.problem("DPL002", where, f"service `{service.name}`: `{key}` cannot be split into words ({error})",
                         "close the quote, or write the command as a list")
            return Command(where, argv=tuple(text.split()))
    if isinstance(value, list):
        return Command(where, argv=tuple(str(v).replace("$$", "$") for v in value))
    return None


def _count(value) -> tuple[int | None, bool]:
    """An int, or the default of `${VAR:-N}` (assumed)."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return to_int(value), False
    if isinstance(value, str):
        if to_int(value) is not None:  # ASCII digits only ('²' passes isdigit), bounded
            return to_int(value), False
        match = _INTERPOLATED.match(value.strip())
        if match and to_int(match.group(1) or "") is not None:
            return to_int(match.group(1)), True
    return None, False


def _copies(service: Service) -> tuple[Copies, bool, str]:
    """(copies, runs, note) from deploy.mode / deploy.replicas / scale."""
    mode = service.get("deploy", "mode")
    if mode in ("global", "global-job"):  # one task on every node of the swarm; the node count is not in the repo
        return (Copies(PER_ASSUMED, f"deploy.mode: {mode}", service.value("deploy", "mode"), assumed=True,
                       switch="set `deploy.mode: replicated` with `replicas: 1` (global runs one copy on every node)",
                       per="Swarm node"), True, "")
    for keys, label in ((("deploy", "replicas"), "deploy.replicas"), (("scale",), "scale")):
        count, assumed = _count(service.get(*keys))
        if count is None:
            continue
        reason = f"{label} = {service.get(*keys)}" + (f" (default {count})" if assumed else "")
        if count == 0:
            return Copies(), False, f"{reason}: the service does not start"
        if count > 1:
            return Copies(count, reason, service.value(*keys), assumed), True, ""
        return Copies(), True, ""
    return Copies(), True, ""


def _profiles(service: Service, launch: Launch) -> None:
    profiles = service.get("profiles")
    if isinstance(profiles, list) and profiles:
        names = ", ".join(f"`{p}`" for p in profiles)
        launch.runs = False
        launch.note = (f"starts only when profile {names} is enabled (`docker compose --profile {profiles[0]} up`)")
