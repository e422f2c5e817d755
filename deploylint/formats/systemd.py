"""systemd service units kept in the repository (`bot.service`, template `bot@.service`).

https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html: one main
process per unit, `ExecStart=` (prefixes `-@:+!` change how it runs, not what),
`WorkingDirectory=`, `Type=oneshot` runs and exits. A template unit `bot@.service` runs
once per instance (`systemctl enable --now bot@1 bot@2`): deploylint counts the instance
names the repository's scripts and READMEs use with it.
"""
from __future__ import annotations

import posixpath
import re

from ..model import Command, Copies, Launch, Location, Step, Target
from ..repo import Repo
from . import platform_common as kit
from .names import is_systemd_unit
from ..patterns import lazy_re

DOCS = "https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html"
QUICK = lazy_re(rb"^\s*\[Service\]", re.M)


def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.named(is_systemd_unit):
        text = repo.peek(path, QUICK)
        if not text or "ExecStart" not in text or "{{" in text or "{%" in text:  # Jinja/Ansible templates
            continue
        target = _target(repo, path)
        if target is not None:
            found.append(target)
    return found


def _settings(repo: Repo, path: str) -> dict[str, tuple[str, Location]]:
    text = repo.read_text(path)
    if text is None:
        return {}
    section = ""
    values: dict[str, tuple[str, Location]] = {}
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        start = number
        if line.endswith("\\"):  # continuation lines
            parts = [line[:-1]]
            while parts[-1] is not None and number < len(lines):
                nxt = lines[number].strip()
                number += 1
                if nxt.endswith("\\"):
                    parts.append(nxt[:-1])
                else:
                    parts.append(nxt)
                    break
            line = " ".join(p.strip() for p in parts if p.strip())
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
            continue
        if "=" not in stripped:
            repo.problem("DPL001", Location(path, start, 1), f"not a unit file setting: `{stripped[:60]}`",
                         "each line must be `Key=value` under a [Section]")
            continue
        key, value = stripped.split("=", 1)
        if section == "Service":
            column = line.find(value) + 1 if value else 1
            values[key.strip()] = (value.strip(), Location(path, start, max(column, 1), start, max(column, 1) + len(value)))
    return values


def _target(repo: Repo, path: str) -> Target | None:
    values = _settings(repo, path)
    if "ExecStart" not in values:
        return None
    text, where = values["ExecStart"]
    text = text.lstrip("-@:+!")
    name = posixpath.basename(path)[: -len(".service")]
    workdir = values.get("WorkingDirectory", ("", None))[0]
    # host paths: the repository is usually checked out in WorkingDirectory. systemd takes
    # only an absolute path (or `~`) there: a relative one (`path/to/app/`, a placeholder)
    # says nothing about where the unit runs, and paths are not resolved against it twice
    cwd = ""
    command = Command(where, shell=kit.local_paths(repo, cwd, text)) if text else None
    copies = _instances(repo, name) if name.endswith("@") else Copies()
    container = _container(repo, path, name, text, where, copies)
    if container is not None:
        return Target("systemd", path, Location(path, 1, 1), [container])
    launch = Launch(name, f"systemd unit `{posixpath.basename(path)}`", Location(path, 1, 1), command, copies, cwd=cwd,
                    role="worker")
    launch.image = kit.host_paths(repo, cwd, text, (workdir,))  # paths under the checkout, inside scripts too
    if values.get("Type", ("", None))[0] == "oneshot":
        launch.runs = False
        launch.note = "Type=oneshot: runs and exits"
    return Target("systemd", path, Location(path, 1, 1), [launch])


def _container(repo: Repo, path: str, name: str, text: str, where: Location, copies: Copies) -> Launch | None:
    """`ExecStart=/usr/bin/docker run ... me/bot:latest`: the unit runs a container of the
    image the repository's Dockerfile builds (matched by name, or the only Dockerfile): its
    ENTRYPOINT/CMD, or what the `docker run` line puts in their place. None otherwise."""
    import shlex

    from .docker_run import parse
    from .kubernetes import _context, _dockerfile, _third_party

    try:
        run = parse(shlex.split(text[:4000]))
    except ValueError:
        return None
    if run is None or "$" in run.image or "%" in run.image or _third_party(run.image):
        return None
    dockerfile = _dockerfile(repo, run.image)
    if dockerfile is None:
        return None
    entrypoint = Command(where, argv=run.entrypoint) if run.entrypoint else None
    cmd = Command(where, argv=run.args) if run.args else None
    unit = posixpath.basename(path)
    launch = kit.image_launch(repo, dockerfile, _context(repo, dockerfile), name=name,
                              label=f"systemd unit `{unit}` container `{run.image}`", location=Location(path, 1, 1),
                              entrypoint=entrypoint, cmd=cmd, copies=copies, role="worker")
    launch.steps.append(Step(where, f"`docker run {run.image}` runs the image built from {dockerfile}"))
    return launch


def _instances(repo: Repo, name: str) -> Copies:
    """Instances of a template unit the repository starts: `bot@1`, `bot@eu`..."""
    pattern = re.compile(re.escape(name) + r"([\w.:-]+|\{[\w.,]+\})(?:\.service)?")
    found: dict[str, Location] = {}
    for where, match in kit.mentions(repo, pattern):
        instance = match.group(1)
        if instance.endswith(".service"):
            instance = instance[: -len(".service")]
        if not instance or instance.startswith("."):
            continue
        if instance.startswith("{"):
            inner = instance[1:-1]
            items = inner.split(",") if "," in inner else _range(inner)
        else:
            items = [instance]
        for item in items:
            found.setdefault(item, where)
    if len(found) > 1:
        first = next(iter(found.values()))
        listed = ", ".join(f"{name}{i}" for i in list(found)[:4])
        return Copies(len(found), f"template unit started as {listed}{'...' if len(found) > 4 else ''}", first)
    return Copies()


def _range(text: str) -> list[str]:
    match = re.fullmatch(r"(\d{1,4})\.\.(\d{1,4})", text)
    if not match:
        return [text]
    low, high = int(match.group(1)), int(match.group(2))
    return [str(i) for i in range(low, min(high, low + 100) + 1)]
