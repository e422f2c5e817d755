"""Edits that rules attach to their findings (`Finding.fix`): each is a minimal text
replacement at a location the parsers found, never a re-serialisation of the file.
Whether a fix is written is decided later (deploylint/fix.py), after a re-check."""
from __future__ import annotations

import re

from ..model import Edit, Fix

# a copies value at a location: the value itself, or `key: value` / `key = value` /
# `"key": value` / `key: "value"`, ending the entry (comma, comment, brace or line end)
_COUNT = re.compile(r"""(?:["']?[A-Za-z_][\w.-]*["']?\s*[:=]\s*)?(?P<value>(?P<q>["']?)(?:max|-?\d+)(?P=q))"""
                    r"""(?=\s*(?:,|#|//|\}|\]|$))""")
_WORKERS = re.compile(r"(?:--workers[ =]|-w ?)(?P<value>\d+)\b")


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
    return Fix(applicability, f"set {what} to 1",
               (Edit(location.path, location.line, begin + 1, location.line, end + 1, "1"),))


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
