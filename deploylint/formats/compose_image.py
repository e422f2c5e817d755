"""A compose service's command from its image (split from formats/compose.py): `build:`
runs the Dockerfile's final command with `command`/`entrypoint` over its
ENTRYPOINT/CMD (Docker's table, see `dockerfile.py`); a pulled `image:` runs its own
command unless the service writes one.
"""
from __future__ import annotations

import posixpath
from ..model import Command, Shadow, Step, Target
from ..repo import Repo, join
from .compose_args import with_build_args
from .compose_merge import Service
from .compose_runtime import _env_complete, _foreign_mount_over, _mounts_code, _with_mounts, _working_dir
from .names import default_dockerfile


def _build(repo: Repo, service: Service, build: dict, directory: str):
    """(DockerCommand, context dir) for `build:`, or None."""
    from . import dockerfile as docker

    context_text = str(build.get("context", "."))
    if "$" in context_text:  # `${SERVICES_DIR:?}/bot`: a `.env` value or a default, else only known at run time
        from .compose_interpolate import interpolate, project_env

        context_text = interpolate(context_text, project_env(repo, service.location.path))
    if "://" in context_text or context_text.startswith("git@") or "dockerfile_inline" in build or "$" in context_text:
        if service.get("command") is None and service.get("entrypoint") is None:
            what = "an inline Dockerfile" if "dockerfile_inline" in build else \
                f"`{context_text}`, a directory only known at run time" if "$" in context_text else \
                f"the remote context `{context_text}`"
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
    if (stage is None or (dc is not None and dc.final)) and not _runs_apart(repo, service, path, dc):
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
        # a service with its own `build:` had what hides its command reported there (DPL003/DPL004)
        if _may_run_repo_code(service.get("image"), built_images) and not isinstance(service.get("build"), dict):
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
    pulled = service.get("build") is None and isinstance(image, str) and image not in built_images \
        and not _mounts_code(mounted, _working_dir(service))
    if pulled and not has_build:
        # a pulled image brings its own files (`${REGISTRY}/app:latest`, built elsewhere, maybe
        # from this repository, with its own WORKDIR): one the repo lacks is not missing (DPL003)
        launch.built = ("*",)
    if pulled:
        launch.pulled = _image_name(image)
    launch.command, launch.cwd = docker.localise(repo, mounted, posixpath.dirname(service.location.path),
                                                 launch.command, _working_dir(service) or "/")
    if mounted.copies:  # bind mounts of the repository
        launch.image = docker.ImagePaths(mounted, posixpath.dirname(service.location.path))


def _image_name(image: str) -> str:
    """`ghcr.io/acme/bot:1.2` / `acme/bot@sha256:...` -> `ghcr.io/acme/bot`: one program under
    another tag is still that program (a blue/green pair); a registry port stays."""
    name = image.split("@", 1)[0].strip()
    slash = name.rfind("/")
    colon = name.rfind(":")
    return name[:colon] if colon > slash else name


def _runs_apart(repo, service, path: str, dc) -> bool:
    """docker_pushed.runs_apart, imported only for a service with a command of its own (the
    only case it can answer True): a plain `build: .` service does not load it."""
    if service.get("command") is None and service.get("entrypoint") is None:
        return False
    from .docker_pushed import runs_apart

    return runs_apart(repo, service, path, dc)
