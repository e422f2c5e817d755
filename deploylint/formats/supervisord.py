"""supervisord configs: `[program:x]` sections and how many copies each runs.

http://supervisord.org/configuration.html#program-x-section-settings: `command` (run
without a shell unless it is `sh -c ...`), `numprocs` (default 1: that many copies),
`directory`, `autostart` (default true); `[include] files = a/*.conf` pulls in more
sections. A conf file copied into an image and started by `supervisord` in the image's
CMD is read by the runner (`runners/supervisord.py`) as part of that launch; a conf file
nothing starts is a target of its own (a VPS running supervisord).
"""
from __future__ import annotations

import fnmatch
import posixpath
import re
from ..record import dataclass, field

from ..model import Command, Copies, Launch, Location, Target
from ..repo import Repo, join
from . import platform_common as kit
from .names import is_supervisord_candidate
from ..patterns import lazy_re

DOCS = "http://supervisord.org/configuration.html#program-x-section-settings"
QUICK = lazy_re(rb"^\s*\[(program|include|supervisord)[:\]]", re.M)
_SECTION = lazy_re(r"^\s*\[([^\]]+)\]\s*$")
_KEY = lazy_re(r"^([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$")


@dataclass
class Program:
    name: str
    location: Location  # the section header
    values: dict[str, tuple[str, Location]] = field(default_factory=dict)


def sections(repo: Repo, path: str) -> list[Program]:
    return repo.memo(("supervisord", path), lambda: _sections(repo, path)) or []


def _sections(repo: Repo, path: str) -> list[Program]:
    text = repo.read_text(path)
    if text is None:
        return []
    return parse(repo, path, text)


def parse(repo: Repo, path: str, text: str, offset: int = 0) -> list[Program]:
    """The sections of a config's text; `offset`: lines before it in `path` (a config a
    script writes with a heredoc is located in the script)."""
    found: list[Program] = []
    current: Program | None = None
    last_key = None
    extra: dict[int, dict[str, list[str]]] = {}  # continuation lines, joined once at the end
    for number, raw in enumerate(text.splitlines(), start=1 + offset):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        header = _SECTION.match(line)
        if header:
            current = Program(header.group(1).strip(), Location(path, number, 1, number, len(line) + 1))
            found.append(current)
            last_key = None
            continue
        if current is None:
            continue
        if raw[:1] in (" ", "\t") and last_key is not None:  # a continuation line
            extra.setdefault(id(current), {}).setdefault(last_key, []).append(stripped)
            continue
        match = _KEY.match(stripped)
        if not match:
            repo.problem("DPL001", Location(path, number, 1), f"not a supervisord setting: `{stripped[:60]}`",
                         "each line of a section must be `key=value`")
            continue
        key, value = match.group(1).lower(), re.sub(r"\s+;.*$", "", match.group(2)).strip()
        column = line.find(match.group(2)) + 1 if match.group(2) else len(line) + 1
        current.values[key] = (value, Location(path, number, max(column, 1), number, max(column, 1) + len(value)))
        last_key = key
    for program in found:
        for key, lines in extra.get(id(program), {}).items():
            value, where = program.values[key]
            program.values[key] = ("\n".join([value, *lines]), where)
    return found


def included(repo: Repo, path: str) -> list[str]:
    """Repository files named by `[include] files = ...` (relative globs only)."""
    result = []
    for section in sections(repo, path):
        if section.name != "include" or "files" not in section.values:
            continue
        for pattern in section.values["files"][0].split():
            if pattern.startswith("/"):
                continue
            full = join(posixpath.dirname(path), pattern)
            result.extend(p for p in repo.files if fnmatch.fnmatch(p, full) and p != path)
    return result


def launches(repo: Repo, path: str, seen: tuple = ()) -> list[Launch]:
    """One launch per `[program:x]` of `path` and the files it includes."""
    found = []
    for section in sections(repo, path):
        if not section.name.startswith("program:"):
            continue
        found.append(_launch(repo, path, section))
    for other in included(repo, path):
        if other not in seen and len(seen) < 8:
            found.extend(launches(repo, other, (*seen, path)))
    return found


def _expanded(text: str) -> str:
    """supervisord's `%(ENV_X)s` is the environment variable X (`${X}` to the shell) and
    `%(process_num)02d`, `%(program_name)s`... are filled in per process: the name stands in,
    so that the shell reader sees words, not a syntax error."""
    text = re.sub(r"%\(ENV_(\w+)\)[-#0 +]*\d*[sd]", r"${\1}", text)
    return re.sub(r"%\((\w+)\)[-#0 +]*\d*[sd]", r"\1", text)


def program_launches(repo: Repo, path: str, programs: list[Program]) -> list[Launch]:
    """One launch per `[program:x]` among parsed sections (a config written by a script)."""
    return [_launch(repo, path, p) for p in programs if p.name.startswith("program:")]


def _launch(repo: Repo, path: str, section: Program) -> Launch:
    name = section.name.split(":", 1)[1].strip()
    values = section.values
    command = None
    if "command" in values:
        text, where = values["command"]
        command = Command(where, shell=_expanded(" ".join(text.split()))) if text else None
    else:
        repo.problem("DPL002", section.location, f"supervisord program `{name}` has no `command`", f"add `command=...` ({DOCS})")
    copies = Copies()
    if "numprocs" in values:
        text, where = values["numprocs"]
        number = kit.count(repo, text, where, f"[program:{name}] numprocs", default=1, minimum=1,
                            variables="when supervisord starts (it expands %(ENV_X)s from its environment)")
        if number and number > 1:
            copies = Copies(number, f"numprocs={number}", where)
    # host or container paths (`directory=/app`, `/srv/bot/bot.py`) are mapped back into
    # the repository by their tails; a relative `directory` is relative to the config
    cwd = ""
    directory = values.get("directory", ("", None))[0]
    if directory and not directory.startswith("/") and "%(" not in directory:
        cwd = join(posixpath.dirname(path), directory)
    if command is not None:
        command = Command(command.location, shell=kit.local_paths(repo, cwd, command.shell or ""))
    launch = Launch(name, f"supervisord program `{name}`", section.location, command, copies, cwd=cwd,
                    role="web" if re.search(r"\b(gunicorn|uvicorn|nginx|daphne|hypercorn)\b", command.text if command else "") else "worker")
    autostart = values.get("autostart", ("true", None))[0].lower()
    if autostart in ("false", "no", "off", "0"):
        launch.runs = False
        launch.note = "autostart=false: started only by hand (supervisorctl start)"
    if "%(process_num)" in values.get("command", ("", None))[0]:
        launch.note = (launch.note + "; " if launch.note else "") + "uses %(process_num)s (each copy may get its own settings)"
    return launch


def targets(repo: Repo) -> list[Target]:
    configs = [p for p in repo.named(is_supervisord_candidate) if _has_programs(repo, p)]
    inside = {other for path in configs for other in included(repo, path)}
    inside |= _in_images(repo, configs)
    found = []
    for path in configs:
        if path in inside:
            continue
        target = Target("supervisord", path, Location(path, 1, 1), launches(repo, path), hosts_differ=False)
        found.append(target)
    return found


def _has_programs(repo: Repo, path: str) -> bool:
    text = repo.peek(path, QUICK)
    if not text or "{{" in text or "{%" in text:  # not supervisord's, or a Jinja/Ansible template
        return False
    return "[program:" in text or ("[include]" in text and "[supervisord]" in text)


def _in_images(repo: Repo, configs: list[str]) -> set[str]:
    """Configs inside the build context of a Dockerfile that starts supervisord: that
    image's launch runs them (runners/supervisord.py), so they are no target of their own."""
    from .names import is_dockerfile

    found = set()
    for dockerfile in repo.named(is_dockerfile):
        text = repo.peek(dockerfile)
        if not text or "supervisord" not in text:
            continue
        context = posixpath.dirname(dockerfile)
        found.update(p for p in configs if not context or p.startswith(context + "/"))
    return found
