"""Dockerfile targets: the container a Dockerfile builds, as a Launch (its command made
repository-relative), for `docker build` on its own and for every platform that builds one
(compose, Railway, Render, Fly, Heroku, Kubernetes through platform_common).

The file is read in two steps: dockerfile_stages (text -> build stages) and dockerfile_image
(stages -> the final image's command, environment and COPY rules, Docker's ENTRYPOINT x CMD
table, container paths -> repository paths). Their public names are re-exported here.
"""
from __future__ import annotations

import posixpath

from ..model import Launch, Location, Shadow, Step, Target
from ..repo import join
from .dockerfile_image import (DEFAULT_SHELL, CopyRule, DockerCommand, Form, ImagePaths, combine,
                               container_path_to_repo, final_command, image_entrypoint, localise)
from .dockerfile_stages import INSTRUCTIONS, REFERENCE, Instruction, Stage, find_stage, stage_names, stages
from .names import is_dockerfile
from ..repo import Repo

__all__ = ["DEFAULT_SHELL", "INSTRUCTIONS", "REFERENCE", "CopyRule", "DockerCommand", "Form", "ImagePaths", "Instruction", "Stage", "find_stage",
           "combine", "container_path_to_repo", "image_entrypoint", "dropped_cmd_shadow", "final_command", "lambda_handler", "launch_for",
           "localise", "no_command", "stage_names", "stages", "targets"]


# -- launches and targets -------------------------------------------------------------
def launch_for(repo: Repo, path: str, target: str | None = None, context: str | None = None) -> Launch | None:
    """The Launch for a container built from `path` (build context `context`, default the
    Dockerfile's directory); None when the file cannot be parsed."""
    dc = final_command(repo, path, target)
    if dc is None:
        return None
    handler = lambda_handler(repo, path, target, dc)
    if handler:
        return Launch(name=dc.stage or "container", label=f"Dockerfile `{path}` CMD", location=handler[1],
                      command=None, env=dict(dc.env), runs=False,
                      note=f"AWS Lambda image: CMD names the handler `{handler[0]}` that Lambda invokes per "
                           "event, not a program that keeps running")
    context = _guess_context(repo, dc, path) if context is None else context
    command, cwd = localise(repo, dc, context, dc.command)
    form = dc.entrypoint_form if dc.entrypoint_form and not dc.entrypoint_form.empty else dc.cmd_form
    which = "ENTRYPOINT" if form is dc.entrypoint_form and form is not None else "CMD"
    if command is None:
        no_command(repo, dc)
    return Launch(name=dc.stage or "container", label=f"Dockerfile `{path}` {which}",
                  location=form.instruction if form else (dc.stage_location or Location(path, 1, 1)),
                  command=command, cwd=cwd, env=dict(dc.env),
                  note=dc.note, built=dc.built, image=ImagePaths(dc, context))


def _guess_context(repo: Repo, dc: DockerCommand, path: str) -> str:
    """The build context of a Dockerfile nothing in the repository builds: its own
    directory, unless none of the files it COPYs is there and some are at the root
    (`docker build -f docker/node/Dockerfile .`, the usual way to build from a
    subdirectory's Dockerfile). A context the repository's scripts or CI give
    (`docker build -f build/Dockerfile .`, docker/build-push-action) wins over the guess."""
    from .docker_build import build_contexts

    given = build_contexts(repo).get(path)
    if given is not None:
        return given
    directory = posixpath.dirname(path)
    if not directory:
        return directory
    sources = [r.source for r in dc.copies[:40] if r.source not in (".", "") and not r.source.startswith(("..", "/"))
               and not any(c in r.source for c in "*?[$")]
    if not sources:  # `COPY . .`: the command's own files say which directory was copied
        sources = _command_paths(dc)
    if not sources:
        return directory
    def present(p: str) -> bool:
        return repo.exists(p) or repo.is_dir(p)

    if any(present(join(directory, s)) for s in sources):
        return directory
    return "" if any(present(s) for s in sources) else directory


def _command_paths(dc: DockerCommand) -> list[str]:
    """Relative file paths the final command names (`CMD ["python3", "services/bot/app.py"]`):
    after `COPY . .` they resolve in the build context."""
    command = dc.command
    words = (command.argv or ()) if command is not None else ()
    # a plain name counts too (`CMD ["python", "bot.py"]` in docker/Dockerfile: bot.py only at the root);
    # a word that names no file anywhere (`0.0.0.0`, `app:app`) decides nothing
    return [w for w in words[:20] if isinstance(w, str) and not w.startswith(("/", "-", ".."))
            and "." in posixpath.basename(w).strip(".") and not any(c in w for c in "*?[$=:")]


# AWS Lambda base images: their ENTRYPOINT is the runtime interface client and CMD names
# the function handler ("app.handler"), https://docs.aws.amazon.com/lambda/latest/dg/images-create.html
_LAMBDA_IMAGES = ("public.ecr.aws/lambda/", "gallery.ecr.aws/lambda/", "amazon/aws-lambda-")


def lambda_handler(repo: Repo, path: str, target: str | None, dc: DockerCommand) -> tuple[str, Location] | None:
    """(handler, CMD line) when the image is built on an AWS Lambda base image and keeps its
    ENTRYPOINT: the CMD is a handler name that Lambda calls per event."""
    if dc.entrypoint_form is not None or dc.cmd_form is None:
        return None
    found = stages(repo, path) or []
    stage = find_stage(found, target) if target else (found[-1] if found else None)
    for _ in range(len(found)):  # FROM an earlier stage: follow it to the image it starts from
        parent = find_stage(found[: stage.index], stage.base) if stage else None
        if parent is None:
            break
        stage = parent
    base = (stage.base if stage else "").lower()
    if not base.startswith(_LAMBDA_IMAGES):
        return None
    command = dc.cmd_form.command
    words = command.argv or tuple((command.shell or "").split())
    return (words[0] if words else "", dc.cmd_form.instruction) if len(words) == 1 else None


# files whose presence in an image means the image may run this repository's code
_CODE = (".py", ".js", ".cjs", ".mjs", ".ts", ".sh", ".json", ".toml", ".yml", ".yaml", ".conf", ".ini")


def _copies_code(dc: DockerCommand) -> bool:
    """Whether the image takes code from the repository: a whole directory (`COPY . .`)
    or a file that could be a program or its config. A stock base image with a static
    site or an nginx.conf copied in (`COPY default.conf /etc/nginx/...`) runs its own
    program; its unseen command cannot hide a singleton of this repository."""
    for rule in dc.copies:
        source = rule.source.rstrip("/")
        name = posixpath.basename(source)
        if source in ("", ".", "./", "*") or "." not in name or name.endswith(_CODE[:6]):
            return True
    return False


def no_command(repo: Repo, dc: DockerCommand) -> None:
    if not _copies_code(dc):
        return  # a stock image with data or static files: its own program runs
    from .dockerfile_image import runs_own_server

    if dc.image and runs_own_server(dc.image):
        return  # `FROM nginx` + `COPY --from=build /app/dist ...`: nginx serves what was built
    repo.problem("DPL004", dc.stage_location or Location(dc.path, 1, 1),
                 f"{dc.path} sets no CMD or ENTRYPOINT; the container runs its base image's command, which deploylint cannot see",
                 "add an explicit CMD (exec form, e.g. CMD [\"python\", \"bot.py\"]) so the start command can be checked")


def dropped_cmd_shadow(dc: DockerCommand, who: str) -> Shadow | None:
    """DPL107 material: a CMD written in the Dockerfile that never runs."""
    if not dc.cmd_dropped:
        return None
    cmd = dc.cmd_form
    entry = dc.entrypoint_form
    where = cmd.instruction if cmd else (entry.instruction if entry else Location(dc.path, 1, 1))
    trace = [Step(entry.instruction, f"{dc.path}: ENTRYPOINT `{entry.command.text}`")] if entry else []
    return Shadow(where, f"{who}: {dc.note}",
                  "use exec form for ENTRYPOINT (ENTRYPOINT [\"...\"]) so CMD is passed to it, or write the whole command in one place",
                  trace)


def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.named(is_dockerfile):
        if path in repo.consumed or (posixpath.basename(path) == "dockerfile" and repo.exists(
                posixpath.join(posixpath.dirname(path), "Dockerfile"))):
            continue  # `docker build` reads Dockerfile when both exist
        if "/" in path and _placeholder(repo, path):
            continue  # an empty Dockerfile below the root that nothing builds (a tool's test fixture)
        launch = launch_for(repo, path)
        if launch is None:
            continue
        if len(stages(repo, path) or ()) > 1:
            stage = f" `{launch.name}`" if launch.name != "container" else ""
            launch.label += f" (the final stage{stage}, which `docker build` produces)"
        target = Target("docker", path, Location(path, 1, 1), [launch])
        dc = final_command(repo, path)
        shadow = dropped_cmd_shadow(dc, f"the CMD in {path} never runs") if dc else None
        if shadow:
            target.shadows.append(shadow)
        found.append(target)
    return found


def _placeholder(repo: Repo, path: str) -> bool:
    """A Dockerfile without a single instruction (empty, blank or only comments)."""
    text = repo.read_text(path)
    return text is not None and all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())
