"""Procfile (Heroku grammar): `name: command` per line.

Heroku runs every process type as its own dynos, all at the same time (web defaults
to one dyno, other types are scaled by the user; we assume one). `release` runs once
per deploy. https://devcenter.heroku.com/articles/procfile
Heroku's Python buildpack sets WEB_CONCURRENCY on every dyno (at least 2), which
gunicorn and uvicorn read as their default worker count.
"""
from __future__ import annotations

import posixpath
from ..record import dataclass

from ..model import Command, Launch, Location, Target
from ..repo import Repo
from .names import is_procfile, is_procfile_variant
from ..patterns import lazy_re

# (no lazy `(.*?)\s*$`: quadratic on a long line of spaces; the command is rstripped instead)
_LINE = lazy_re(r"([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*)$")
# the first word of a command, not a process type someone meant to name
_PROGRAM = lazy_re(r"(?:python\d*(?:\.\d+)?|py|node|nodejs|npm|npx|yarn|pnpm|bun|deno|ts-node|java|ruby|php|perl|go|"
                   r"bash|sh|gunicorn|uvicorn|celery|heroku|pip\d?|poetry|pipenv|uv|dotnet|cargo|bundle|rails)$")
_NO_COLON = lazy_re(r"[ \t]*([A-Za-z0-9_-]+)[ \t]+(\S.*)$")
HEROKU_ENV = {"WEB_CONCURRENCY": "2"}


@dataclass(frozen=True)
class Entry:
    name: str
    command: Command
    location: Location  # the process type's name


def parse(repo: Repo, path: str) -> list[Entry]:
    return repo.memo(("procfile", path), lambda: _parse(repo, path)) or []


def _parse(repo: Repo, path: str) -> list[Entry]:
    text = repo.read_text(path)
    if text is None:
        return []
    entries: dict[str, Entry] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # Heroku's parser (`^[[:space:]]*([a-zA-Z0-9_-]+):?\s+(.*)`) skips leading whitespace
        indent = len(line) - len(line.lstrip(" \t"))
        match = _LINE.match(line, indent)
        if not match or not match.group(2).strip():
            loose = _NO_COLON.match(line)
            program = bool(loose) and _PROGRAM.match(loose.group(1)) is not None
            if loose and program:  # `python main.py`: a command with no process type
                detail = (f" has no process type: Heroku would take `{loose.group(1)}` as the process type and run "
                          f"`{loose.group(2).rstrip()[:40]}`")
                hint = (f"write `worker: {line.strip()[:60]}` (`web:` if it serves HTTP on $PORT)"
                        if loose.group(1) != "heroku" else "a Heroku CLI command is run in a terminal: remove it from the Procfile")
            elif loose:  # `worker python bot.py`
                detail = (f" has no `:` after the process type: Heroku reads it as process type `{loose.group(1)}` "
                          f"running `{loose.group(2).rstrip()[:40]}`, other Procfile runners skip it")
                hint = f"write `{loose.group(1)}: {loose.group(2).rstrip()[:60]}`"
            else:
                detail, hint = "", "each line must be `<process type>: <command>` (letters, digits, - and _ in the type)"
            repo.problem("DPL001", Location(path, number, 1, number, len(line) + 1),
                         f"not a Procfile line: `{line.strip()[:60]}`" + detail, hint)
            if not loose or program or not _PROGRAM.match(loose.group(2).split()[0]):
                continue  # (`this is not a process`: no command to analyse)
            match = loose  # `worker python bot.py`: Heroku runs it as that process type, so is it analysed
        name, command = match.group(1), match.group(2).rstrip()
        where = Location(path, number, match.start(1) + 1, number, match.start(1) + len(name) + 1)
        if name in entries:
            repo.problem("DPL002", where, f"process type `{name}` is declared twice (lines {entries[name].location.line} "
                         f"and {number}); Heroku runs only the last one", "remove one of the two lines")
        column = match.start(2) + 1
        entries[name] = Entry(name, Command(Location(path, number, column, number, column + len(command)), shell=command), where)
    return list(entries.values())


def targets(repo: Repo) -> list[Target]:
    found = []
    for path in repo.named(is_procfile):
        entries = parse(repo, path)
        directory = posixpath.dirname(path)
        launches = [
            Launch(name=e.name, label=f"Procfile `{e.name}`", location=e.location, command=e.command,
                   cwd=directory, role=_role(e.name), runs=e.name != "release",
                   note="runs once per deploy" if e.name == "release" else "")
            for e in entries
        ]
        if is_procfile_variant(posixpath.basename(path)):
            # `Procfile.dev`: Heroku never reads it; `honcho start -f` / `foreman start -f` run
            # all its processes at once on one machine
            for launch in launches:
                launch.label = f"{path} `{launch.name}`"
            found.append(Target("local", path, Location(path, 1, 1), launches, hosts_differ=False))
            continue
        found.append(Target("heroku", path, Location(path, 1, 1), launches, env=dict(HEROKU_ENV)))
    return found


def _role(name: str) -> str:
    if name == "web":
        return "web"
    if name == "release":
        return "release"
    return "worker"
