"""CapRover (`captain-definition`): what a CapRover app runs, and its deploy overlap.

`captain-definition` (JSON, `schemaVersion: 2`) says how CapRover builds the app's image:
exactly one of `dockerfilePath` (relative to the file; `..` is refused), `dockerfileLines`
(an inline Dockerfile), `imageName` (a prebuilt image) or `templateId`
(https://caprover.com/docs/captain-definition-file.html; checked in caprover's
src/user/ImageMaker.ts). The container runs that image's command. How many instances run
is set in the dashboard (default 1), never in the repository.

Overlap: every deploy updates the app's Docker Swarm service with update order AUTO,
which is `start-first` (the new container starts before the old one stops) unless the
container has mounts, i.e. the app has a Persistent Directory, then `stop-first`
(caprover src/docker/DockerApi.ts, `IDockerUpdateOrders.AUTO`; src/user/ServiceManager.ts
passes AUTO on every update). Persistent directories live in the dashboard too: the
overlap is reported with that way out.
"""
from __future__ import annotations

import posixpath
import re

from ..model import Command, Copies, Launch, Location, Overlap, Target
from ..repo import Repo, join
from . import platform_common as kit
from .names import is_captain_definition
from ..patterns import lazy_re

DOCS = "https://caprover.com/docs/captain-definition-file.html"
SOURCES = ("templateId", "imageName", "dockerfilePath", "dockerfileLines")
MAX_LINES = 500  # dockerfileLines read


def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.named(is_captain_definition):
        target = _target(repo, path)
        if target is not None:
            found.append(target)
    return found


def _target(repo: Repo, path: str) -> Target | None:
    from .. import jsonfile

    doc = jsonfile.load(repo, path, f"fix the JSON syntax of {path} ({DOCS})")
    if doc is None:
        return None
    data = doc.data
    if not isinstance(data, dict):
        repo.problem("DPL002", Location(path, 1, 1), f"{path} must be a JSON object", f"see {DOCS}")
        return None
    given = [key for key in SOURCES if data.get(key) not in (None, "", [])]
    if data.get("schemaVersion") != 2 or len(given) != 1:
        repo.problem("DPL002", doc.where("schemaVersion") if "schemaVersion" in data else Location(path, 1, 1),
                     f"{path}: CapRover needs `schemaVersion: 2` and exactly one of {', '.join(SOURCES)}",
                     f"see {DOCS}")
        return None
    base = posixpath.dirname(path)
    key = given[0]
    where = doc.where(key)
    label = "CapRover app"
    launch = None
    if key == "dockerfilePath" and isinstance(data[key], str) and not data[key].strip().startswith(".."):
        dockerfile = join(base, data[key].strip())
        launch = kit.image_launch(repo, dockerfile, posixpath.dirname(dockerfile), name="app", label=label,
                                  location=where)
    elif key == "dockerfileLines" and isinstance(data[key], list):
        launch = Launch("app", label, where, _inline_command(doc, data[key]), cwd=base)
    if launch is None:
        launch = Launch("app", label, where, None, cwd=base,
                        note=f"`{key}`: the image's command is not in this repository")
    launch.copies = Copies()
    launch.overlaps.append(Overlap(
        "CapRover's deploy (Docker Swarm update order start-first for an app without a Persistent Directory: the new "
        "container starts before the old one stops)", Location(path, 1, 1), platform="caprover",
        switch="give the app a Persistent Directory in the CapRover dashboard (CapRover then stops the old container "
               "before it starts the new one: https://github.com/caprover/caprover/blob/master/src/docker/DockerApi.ts)"))
    return Target("caprover", path, Location(path, 1, 1), [launch])


_INSTRUCTION = lazy_re(r"\s*(CMD|ENTRYPOINT)\s+(.*)", re.I | re.S)


def _inline_command(doc, lines: list) -> Command | None:
    """The last CMD of an inline Dockerfile (exec form or shell form); ENTRYPOINT makes it
    unknown (deploylint does not combine the two here)."""
    import json

    found = None
    for index, line in enumerate(lines[:MAX_LINES]):
        match = _INSTRUCTION.match(line) if isinstance(line, str) else None
        if match is None:
            continue
        if match.group(1).upper() == "ENTRYPOINT":
            return None
        text, where = match.group(2).strip(), doc.where("dockerfileLines", index)
        try:
            argv = json.loads(text) if text.startswith("[") else None
        except ValueError:
            argv = None
        if isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv):
            found = Command(where, argv=tuple(argv))
        elif text:
            found = Command(where, shell=text)
    return found
