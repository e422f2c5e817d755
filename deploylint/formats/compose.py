"""Docker Compose files: one Target per way of running `docker compose up`.

Compose spec (https://github.com/compose-spec/compose-spec/blob/main/spec.md):
- `services.<name>.command` replaces the image CMD and `entrypoint` replaces the image
  ENTRYPOINT and drops its CMD; a string is split into words without a shell (exec
  form), a list is used as is; `$$` is a literal `$`;
- `build:` (a context string, or context/dockerfile/target) runs the Dockerfile's final
  command (Docker's ENTRYPOINT/CMD table, see `dockerfile.py`);
- copies: `deploy.replicas`, `scale`, `deploy.mode: global` (one per node);
- `profiles`: the service starts only when one of its profiles is enabled;
- `extends` (same file or `file:`) and override files merge with the Compose merge
  rules (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/):
  mappings merge, `command`/`entrypoint` and scalars replace, other sequences append,
  `environment`/`labels` merge by name, `!reset` removes and `!override` replaces;
- which files combine (`-f a -f b`, overrides beside or away from their base): see
  compose_projects.py; the merge itself: compose_merge.py; `extends` and `include`:
  compose_extends.py (read only when a file uses them).
"""
from __future__ import annotations


import posixpath
import shlex
from ..model import PER_ASSUMED, Command, Copies, Launch, Location, Overlap, Shadow, Step, Target
from ..repo import Repo, join, normalise
from ..safe import to_int
from .. import yamlfile
from .compose_args import with_build_args
from .names import default_dockerfile
from .compose_merge import Service, _combined, _index, _key_where, _normalise, _tag, merge  # noqa: F401
from ..patterns import lazy_re

_INTERPOLATED = lazy_re(r"^\$\{\w+(?::?-([^}]*))?\}$", needs=("${",))


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


def _build(repo: Repo, service: Service, build: dict, directory: str):
    """(DockerCommand, context dir) for `build:`, or None."""
    from . import dockerfile as docker

    context_text = str(build.get("context", "."))
    if "://" in context_text or context_text.startswith("git@") or "dockerfile_inline" in build:
        if service.get("command") is None and service.get("entrypoint") is None:
            what = "an inline Dockerfile" if "dockerfile_inline" in build else f"the remote context `{context_text}`"
            repo.problem("DPL004", service.value("build"),
                         f"service `{service.name}` builds from {what}; deploylint cannot see its command",
                         "set `command:` on the service, or build from a Dockerfile in this repository")
        return None
    context = repo.home(join(directory, context_text))  # `../<this checkout>`: the checkout itself
    path = join(context, str(build["dockerfile"])) if "dockerfile" in build else default_dockerfile(repo, context)
    if not repo.exists(path):
        repo.problem("DPL003", service.value("build", "dockerfile") if "dockerfile" in build else service.value("build"),
                     f"service `{service.name}` builds {path}, which is not in the repository",
                     "fix `build.context` / `build.dockerfile`, or commit the Dockerfile")
        return None
    stage = build.get("target")
    dc = docker.final_command(repo, path, str(stage) if stage is not None else None)
    from .docker_pushed import runs_apart

    if (stage is None or (dc is not None and dc.final)) and not runs_apart(repo, service, path, dc):
        # built as the final stage: the Dockerfile is not also a deployment of its own; a
        # `target: dev` leaves the final stage (what `docker build` produces) to be analysed,
        # and so does an image a workflow pushes while this service runs its own command
        repo.consumed.add(path)
    if dc is None and stage is not None and docker.stages(repo, path):
        names = ", ".join(f"`{n}`" for n in docker.stage_names(repo, path)) or "none"
        repo.problem("DPL002", service.value("build", "target"),
                     f"service `{service.name}`: build.target `{stage}` is not a stage of {path} (stages: {names})",
                     "name a stage declared with `FROM <image> AS <name>`")
    return (dc, context) if dc is not None else None


def _from_image(repo, service, launch, target, dc, context, command, entrypoint) -> None:
    """command/entrypoint over the Dockerfile's ENTRYPOINT/CMD (Docker's table)."""
    from . import dockerfile as docker

    entry_form = docker.Form(entrypoint, (), service.key("entrypoint")) if entrypoint else dc.entrypoint_form
    cmd_form = docker.Form(command, (), service.key("command")) if command else None if entrypoint else dc.cmd_form
    combined, _ = docker.combine(entry_form, cmd_form)
    if entry_form is None and combined is not None:  # `command: ["bot.js"]` on a node image runs node
        combined = docker.image_entrypoint(dc.image, combined)
    mounted = _with_mounts(dc, service, context)
    launch.command, launch.cwd = docker.localise(repo, mounted, context, combined, _working_dir(service))
    launch.image = docker.ImagePaths(mounted, context)
    launch.env = {**with_build_args(dc.env, service), **launch.env}
    launch.env_closed = _env_complete(repo, service)
    launch.built = ("*",) if _foreign_mount_over(service, _working_dir(service) or dc.workdir) else dc.built
    if not dc.final and dc.stage:
        launch.label = f"compose service `{service.name}` (stage `{dc.stage}` of {dc.path})"
    who = f"compose service `{service.name}`"
    if entrypoint and not command and dc.cmd_form is not None:
        _shadow(repo, target, Shadow(
            dc.cmd_form.instruction,
            f"the CMD `{dc.cmd_form.command.text}` in {dc.path} never runs for {who}: `entrypoint:` replaces the image's ENTRYPOINT and drops its CMD",
            "add `command:` to the service, or put the whole command in `entrypoint:`",
            [Step(service.key("entrypoint"), f"{who} sets entrypoint `{entrypoint.text}`")]))
    elif not command and not entrypoint:
        shadow = docker.dropped_cmd_shadow(dc, f"{who} builds {dc.path}")
        if shadow:
            _shadow(repo, target, shadow)
    if combined is None:
        docker.no_command(repo, dc)


def _shadow(repo: Repo, target: Target, shadow: Shadow) -> None:
    """Each variant (base + prod, base + override) sees the same Dockerfile: report once."""
    seen = repo.memo(("compose-shadows",), set)
    key = (shadow.location, shadow.message)
    if key not in seen:
        seen.add(key)
        target.shadows.append(shadow)


def _may_run_repo_code(image: str, built_images) -> bool:
    """A stock image (`redis:7`, `postgres`) runs its own program: its unseen command
    cannot hide a singleton of this repository, so it is no DPL004. An image this project
    builds (another service's `build:` tags it) or one chosen at run time (`${IMAGE}`)
    can."""
    return image in built_images or "$" in image


def _without_image(repo, service, launch, command, entrypoint, has_build: bool, built_images=frozenset()) -> None:
    if command and not entrypoint and service.get("build") is None and isinstance(service.get("image"), str) \
            and command.argv and command.argv[0].startswith("-"):
        command = None  # `--config.file=...`: arguments for the stock image's own ENTRYPOINT, not a program
    if entrypoint or command:
        argv = (*(entrypoint.argv if entrypoint else ()), *(command.argv if command else ()))
        launch.command = Command((entrypoint or command).location, argv=argv)
    elif isinstance(service.get("image"), str):
        if _may_run_repo_code(service.get("image"), built_images):
            repo.problem("DPL004", service.location,
                         f"service `{service.name}` runs image `{service.get('image')}` whose command deploylint cannot see",
                         "if this service runs your code, give it `build:` or `command:` so deploylint can follow it")
    elif not has_build:
        repo.problem("DPL002", service.location, f"service `{service.name}` has neither `image` nor `build`; Compose cannot start it",
                     "add `image:` or `build:` to the service")
    from . import dockerfile as docker

    empty = docker.DockerCommand(service.location.path, None, None, None, False, "", "", {}, [])
    mounted = _with_mounts(empty, service, posixpath.dirname(service.location.path))
    image = service.get("image")
    if service.get("build") is None and isinstance(image, str) and not has_build \
            and image not in built_images and not _mounts_code(mounted, _working_dir(service)):
        # a pulled image brings its own files (`${REGISTRY}/app:latest`, built elsewhere, maybe
        # from this repository, with its own WORKDIR): one the repo lacks is not missing (DPL003)
        launch.built = ("*",)
    launch.command, launch.cwd = docker.localise(repo, mounted, posixpath.dirname(service.location.path),
                                                 launch.command, _working_dir(service) or "/")
    if mounted.copies:  # bind mounts of the repository
        launch.image = docker.ImagePaths(mounted, posixpath.dirname(service.location.path))


def _working_dir(service: Service) -> str | None:
    value = service.get("working_dir")
    return value if isinstance(value, str) and value.startswith("/") else None


def _mounts_code(dc, working_dir: str | None) -> bool:
    """The service bind-mounts repository code where its command runs: the project
    directory itself (`./:/app`), or a directory over the `working_dir`."""
    for rule in dc.copies:
        if rule.source in (".", "") or rule.source.startswith(".."):
            return True
        if working_dir and (working_dir == rule.dest or working_dir.startswith(rule.dest.rstrip("/") + "/")):
            return True
    return False


def _with_mounts(dc, service: Service, context: str):
    """Bind mounts of repo directories (`./:/app`) act like COPY rules that win."""
    from ..record import replace

    from .dockerfile import CopyRule

    rules = []
    directory = service.dirs.get("volumes", posixpath.dirname(service.location.path))
    for item in service.get("volumes") or []:
        host, dest = _mount(item)
        if host is None or not dest.startswith("/"):
            continue
        source = posixpath.relpath(join(directory, host) or ".", context or ".")
        rules.append(CopyRule(source, posixpath.normpath(dest), False))
    return replace(dc, copies=(*dc.copies, *rules)) if rules else dc


def _foreign_mount_over(service: Service, workdir: str | None) -> bool:
    """A bind mount from outside the repository (`${PROJECT_PATH}:/var/www`,
    `/srv/app:/app`, `~/bot:/app`) over the directory the command runs in: the files
    there come from the host at run time, so one the repository lacks is not missing
    (DPL003)."""
    if not workdir or not workdir.startswith("/"):
        return False
    for item in service.get("volumes") or []:
        if isinstance(item, dict):
            host, dest = (item.get("source"), item.get("target")) if item.get("type") == "bind" else (None, None)
        else:
            parts = str(item).split(":")
            host, dest = (parts[0], parts[1]) if len(parts) >= 2 else (None, None)
        if not isinstance(host, str) or not isinstance(dest, str) or not host.startswith(("$", "/", "~")):
            continue
        dest = posixpath.normpath(dest) if dest.startswith("/") else ""
        if dest and (workdir == dest or workdir.startswith(dest.rstrip("/") + "/")):
            return True
    return False


def _mount(item) -> tuple[str | None, str]:
    if isinstance(item, dict):
        if item.get("type") == "bind" and isinstance(item.get("source"), str):
            return item["source"], str(item.get("target", ""))
        return None, ""
    parts = str(item).split(":")
    if len(parts) >= 2 and parts[0].startswith("."):  # a path relative to the compose file
        return parts[0], parts[1]
    return None, ""


def _env_files(repo: Repo, service: Service) -> dict[str, str]:
    """Variables of the service's `env_file` files that are in the repository (later files
    win; `environment` wins over all). A file that is not committed adds nothing."""
    value = service.get("env_file")
    items = value if isinstance(value, list) else [value] if value is not None else []
    directory = service.dirs.get("env_file", posixpath.dirname(service.location.path))
    env: dict[str, str] = {}
    for item in items[:20]:
        path = item.get("path") if isinstance(item, dict) else item
        if not isinstance(path, str) or not path or path.startswith(("/", "$")):
            continue
        full = normalise(posixpath.join(directory, path))
        text = repo.read_text(full) if repo.exists(full) else None
        if text:
            from .compose_interpolate import env_lines

            env.update(env_lines(text))
    return env


def _env_complete(repo: Repo, service: Service) -> bool:
    """Whether a service built from the repository's Dockerfile gets exactly the variables
    deploylint read: Compose passes the container only its `environment` and `env_file`
    entries (and the image's ENV), so a name in none of them is unset. Not so when an
    env_file is not committed, an entry passes the host's value through (`- NAME`, `NAME:`)
    or is interpolated without a default (`NAME: ${NAME}`)."""
    files = service.get("env_file")
    items = files if isinstance(files, list) else [files] if files is not None else []
    directory = service.dirs.get("env_file", posixpath.dirname(service.location.path))
    for item in items[:20]:
        path = item.get("path") if isinstance(item, dict) else item
        if not isinstance(path, str) or path.startswith(("/", "$")) \
                or not repo.exists(normalise(posixpath.join(directory, path))):
            return False
    value = _normalise(service.get("environment"), "environment")
    if value is None:
        return True
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if item is None or isinstance(item, (dict, list)):
            return False
        match = _INTERPOLATED.match(str(item))
        if match and match.group(1) is None or "$" in _INTERPOLATED.sub("", str(item)):
            return False
    return True


def _environment(value) -> dict[str, str]:
    value = _normalise(value, "environment")
    if not isinstance(value, dict):
        return {}
    env = {}
    for name, item in value.items():
        if item is None or isinstance(item, (dict, list)):
            continue  # `- NAME` alone passes the shell's value through: unknown here
        text = str(item).lower() if isinstance(item, bool) else str(item)
        match = _INTERPOLATED.match(text)
        env[str(name)] = match.group(1) if match and match.group(1) is not None else text
    return env


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
