"""Edits that rules attach to their findings (`Finding.fix`): each is a minimal text
replacement at a location the parsers found, never a re-serialisation of the file.
Whether a fix is written is decided later (deploylint/fix.py), after a re-check."""
from __future__ import annotations


from ..model import Edit, Fix
from ..patterns import lazy_re

# a copies value at a location: the value itself, or `key: value` / `key = value` /
# `"key": value` / `key: "value"`, ending the entry (comma, comment, brace or line end)
_COUNT = lazy_re(r"""(?:["']?[A-Za-z_][\w.-]*["']?\s*[:=]\s*)?(?P<value>(?P<q>["']?)(?:max|-?\d+)(?P=q))"""
                    r"""(?=\s*(?:,|#|//|\}|\]|$))""")
_WORKERS = lazy_re(r"(?:--workers[ =]|-w ?)(?P<value>\d+)\b")


def _line(repo, location) -> str | None:
    if repo is None or not location.line or not repo.exists(location.path):
        return None
    lines = repo.lines(location.path)
    return lines[location.line - 1] if location.line <= len(lines) else None


def set_copies_to_one(repo, location, what: str, applicability: str = "safe") -> Fix | None:
    """`replicas: 3` -> `replicas: 1` at `location` (a key or its value)."""
    line = _line(repo, location)
    if line is None:
        return None
    start = max(location.column, 1) - 1
    match = _COUNT.match(line, start)
    if match is None:
        return None
    begin, end = match.span("value")
    edits = [Edit(location.path, location.line, begin + 1, location.line, end + 1, "1")]
    if line[start:begin].strip(" \"'").startswith("instances"):
        fork = pm2_fork(repo, location)
        if fork is not None:
            edits.append(fork)
            return Fix(applicability, f"set {what} to 1 and `exec_mode` to fork", tuple(edits))
    return Fix(applicability, f"set {what} to 1", tuple(edits))


_CLUSTER = lazy_re(r"""(["']?exec_mode["']?\s*[:=]\s*)(["'])(cluster|cluster_mode)\2""")


def pm2_fork(repo, location) -> Edit | None:
    """With PM2 `instances` set to 1, `exec_mode: "cluster"` -> `"fork"` (a cluster
    reload overlaps old and new copies): the nearest `exec_mode` within the app's lines,
    when exactly one is that near."""
    if repo is None or not location.line or not repo.exists(location.path):
        return None
    lines = repo.lines(location.path)
    near = [(abs(number - location.line), number, match)
            for number in range(max(1, location.line - 12), min(len(lines), location.line + 12) + 1)
            for match in [_CLUSTER.search(lines[number - 1])] if match]
    if len(near) != 1:
        return None
    _, number, match = near[0]
    begin, end = match.span(3)
    return Edit(location.path, number, begin + 1, number, end + 1, "fork")


def set_workers_to_one(repo, location, applicability: str = "unsafe") -> Fix | None:
    """`--workers 4` / `-w 4` -> 1 on the command line at `location`, when the line
    names the worker count exactly once."""
    line = _line(repo, location)
    if line is None:
        return None
    matches = list(_WORKERS.finditer(line))
    if len(matches) != 1:
        return None
    begin, end = matches[0].span("value")
    return Fix(applicability, "run the server with one worker",
               (Edit(location.path, location.line, begin + 1, location.line, end + 1, "1"),))


def remove_background(repo, location, applicability: str = "unsafe") -> Fix | None:
    """`python bot.py & uvicorn app:app` -> `uvicorn app:app`: remove a backgrounded
    command (from `location` through its `&` and the spaces after it) from a one-line
    start command, when something else stays on the line."""
    line = _line(repo, location)
    if line is None:
        return None
    start = max(location.column, 1) - 1
    index = start
    while True:
        index = line.find("&", index)
        if index < 0:
            return None
        if line[index + 1:index + 2] == "&" or line[index - 1:index] in ("&", ">", "<"):
            index += 2  # `&&`, `>&`, `&>`: not a background operator
            continue
        break
    end = index + 1
    while end < len(line) and line[end] == " ":
        end += 1
    rest = line[:start] + line[end:]
    if not rest.strip() or not line[end:].strip() or any(q in line[start:end] for q in "'\"`$(){};|"):
        return None
    return Fix(applicability, "remove the backgrounded command (another process already runs it)",
               (Edit(location.path, location.line, start + 1, location.line, end + 1, ""),))
