"""Dockerfile text -> build stages: the instructions of each `FROM`, read with
dockerfile-parse (heredoc bodies are not instructions), unknown instructions (DPL002) and
`ARG`s declared before the first FROM. The image a stage builds is worked out in
dockerfile_image; which platform runs it, in dockerfile.
"""
from __future__ import annotations

import re
import shlex
from ..record import dataclass, field

from ..model import Location
from ..repo import Repo
from ..patterns import lazy_re
from ..safe import MAX_COMMAND, to_int

INSTRUCTIONS = ("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
                "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL")
REFERENCE = "https://docs.docker.com/reference/dockerfile/"
_HEREDOC = lazy_re(r"<<(-?)([\"']?)([A-Za-z_][\w]*)\2", needs=("<<",))
_VAR = lazy_re(r"\$(?:\{([A-Za-z_]\w*)(?::?[-+][^}]*)?\}|([A-Za-z_]\w*))", needs=("$",))


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case
    value: str
    location: Location  # the keyword
    value_location: Location  # where the value starts


@dataclass
class Stage:
    index: int
    name: str  # "" when the stage has no `AS name`
    base: str  # the FROM image or earlier stage
    location: Location
    instructions: list[Instruction] = field(default_factory=list)
    global_args: dict[str, str] = field(default_factory=dict)  # `ARG NAME=default` before the first FROM


def stages(repo: Repo, path: str) -> list[Stage] | None:
    """The build stages of a Dockerfile, or None after DPL001/DPL002."""
    return repo.memo(("dockerfile", path), lambda: _parse(repo, path))


def _parse(repo: Repo, path: str) -> list[Stage] | None:
    text = repo.read_text(path)
    if text is None:
        return None
    instructions = _instructions(path, text)
    if instructions is None:
        repo.problem("DPL001", Location(path, 1, 1), "cannot parse the Dockerfile", f"see {REFERENCE}")
        return None
    found: list[Stage] = []
    global_args: dict[str, str] = {}
    check_names = "scape" not in text.casefold() or not re.match(r"(?is)^(\s*#[^\n]*\n)*\s*#\s*escape\s*=\s*`", text)  # backtick continuations
    for item in instructions:
        if item.keyword not in INSTRUCTIONS:
            if check_names:
                _unknown(repo, item)
        elif item.keyword == "FROM":
            found.append(_stage(len(found), item))
            found[-1].global_args = global_args
        elif found:
            found[-1].instructions.append(item)
        elif item.keyword == "ARG":
            global_args.update({k: _expand(v, global_args) for k, v in _pairs(item.value, legacy=False).items() if v is not None})
        else:
            repo.problem("DPL002", item.location, f"`{item.keyword}` before the first FROM; Docker rejects this file",
                         "start the Dockerfile with FROM (only ARG may come before it)")
    if not found:
        repo.problem("DPL002", Location(path, 1, 1), "no FROM instruction: Docker cannot build this Dockerfile",
                     f"start the file with `FROM <image>`; see {REFERENCE}")
        return None
    return found


def _instructions(path: str, text: str) -> list[Instruction] | None:
    import io

    from dockerfile_parse import DockerfileParser

    lines = text.splitlines()
    body = _heredoc_lines(lines)
    try:
        structure = DockerfileParser(fileobj=io.BytesIO(_blank_continuations(lines, body, text).encode("utf-8"))).structure
    except Exception:  # the library is lenient; never let a corner case stop the scan
        return None
    found = []
    for entry in structure:
        keyword = str(entry.get("instruction", "")).upper()
        start = to_int(entry.get("startline"), 0)
        if keyword == "COMMENT" or start in body:
            continue
        raw = lines[start] if start < len(lines) else ""
        head = _head(raw)
        key_col = (head[1] + 1) if head else 1
        value_col = (head[2] + 1) if head else 1
        line = start + 1
        value = str(entry.get("value", ""))
        if keyword == "RUN" and start + 1 in body:  # `RUN <<EOF`: the heredoc is the script it runs
            end = start + 1
            while end in body:
                end += 1
            value = "\n".join([value, *lines[start + 1:end]])
        found.append(Instruction(
            keyword, value,
            Location(path, line, key_col, line, key_col + len(head[0]) if head else 0),
            Location(path, line, value_col),
        ))
    return found


def _head(raw: str) -> tuple[str, int, int] | None:
    """The first word of a line, where it starts, and where the text after it (and its
    spaces) starts: `re.match(r"\\s*(\\S+)\\s*", raw)` without a pattern to compile."""
    rest = raw.lstrip()
    if not rest:
        return None
    word = rest.split(None, 1)[0]
    start = len(raw) - len(rest)
    after = rest[len(word):]
    return word, start, start + len(word) + len(after) - len(after.lstrip())


def _blank_continuations(lines: list[str], body: set[int], text: str) -> str:
    """Docker keeps a `\\`-continued instruction going over blank lines (a deprecation
    warning, not an error) and drops comment lines inside it; dockerfile-parse ends the
    instruction at the blank line. Blank lines inside a continuation become `#` lines
    (the same line numbers), which both read as dropped comments."""
    changed, continued = False, False
    out = list(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in body:
            continued = False
        elif not stripped:
            if continued:
                out[index], changed = "#", True
        elif not stripped.startswith("#"):
            continued = stripped.endswith("\\")
    return "\n".join(out) + "\n" if changed else text


def _heredoc_lines(lines: list[str]) -> set[int]:
    """0-based numbers of heredoc body lines (`RUN <<EOF ... EOF`), which the parser
    would otherwise read as instructions."""
    body: set[int] = set()
    pending: list[tuple[str, bool]] = []
    for number, line in enumerate(lines):
        if pending:
            body.add(number)
            terminator, strip_tabs = pending[0]
            if (line.lstrip("\t") if strip_tabs else line).rstrip() == terminator:
                pending.pop(0)
            continue
        if "<<" in line and re.match(r"\s*(RUN|COPY|ADD)\b", line, re.IGNORECASE):
            pending = [(m.group(3), m.group(1) == "-") for m in _HEREDOC.finditer(line)]
    return body


def _unknown(repo: Repo, item: Instruction) -> None:
    import difflib

    close = difflib.get_close_matches(item.keyword, INSTRUCTIONS, n=1, cutoff=0.6)
    message = f"unknown instruction `{item.keyword}`" + (f"; did you mean `{close[0]}`?" if close else "")
    hint = f"use `{close[0]}`" if close else f"Dockerfile instructions are {', '.join(INSTRUCTIONS)}; see {REFERENCE}"
    repo.problem("DPL002", item.location, message, hint)


def _stage(index: int, item: Instruction) -> Stage:
    words = [w for w in item.value.split() if not w.startswith("--")]
    name = words[2] if len(words) >= 3 and words[1].lower() == "as" else ""
    return Stage(index, name.lower(), words[0] if words else "", item.location)


def stage_names(repo: Repo, path: str) -> list[str]:
    return [s.name for s in stages(repo, path) or [] if s.name]


def find_stage(found: list[Stage], name: str) -> Stage | None:
    name = name.lower()
    return next((s for s in found if s.name == name), None) or \
        next((s for s in found if name.isdigit() and str(s.index) == name), None)


def _pairs(value: str, legacy: bool) -> dict[str, str | None]:
    """ENV/ARG `A=1 B="two words"`, or the legacy `ENV KEY value with spaces`."""
    try:
        words = shlex.split(value, comments=False, posix=True)
    except ValueError:
        words = value.split()
    if not words:
        return {}
    if legacy and "=" not in words[0]:
        key, _, rest = value.strip().partition(" ")
        return {key: rest.strip().strip('"')}
    pairs = {}
    for word in words:
        key, sep, item = word.partition("=")
        if key:
            pairs[key] = item if sep else None  # `ARG NAME` without a default
    return pairs


def _expand(text: str, known: dict[str, str]) -> str:
    """$VAR and ${VAR} from earlier ENV/ARG; unknown references stay as written."""
    def sub(match):
        name = match.group(1) or match.group(2)
        return known.get(name, match.group(0))
    expanded = _VAR.sub(sub, text)
    # `ENV A=$A$A` thirty times doubles the value each time: past MAX_COMMAND it stays as written
    return expanded if len(expanded) <= MAX_COMMAND else text
