"""Inline suppressions: `# deploylint: ignore[DPL102] reason` on a finding's line or the
line above (`//` in JS/TS). JSON has no comments: use `per-file-ignores`."""
from __future__ import annotations

import re

from .model import Finding, Location

_COMMENT = re.compile(r"(?:#|//)\s*deploylint:\s*ignore\[([A-Z0-9, ]+)\]\s*(.*)")


def apply(repo, findings: list[Finding], settings) -> list[Finding]:
    kept: list[Finding] = []
    for finding in findings:
        if not _suppressed(repo, finding):
            kept.append(finding)
    return kept


def _suppressed(repo, finding: Finding) -> bool:
    location = finding.location
    if not location.line or location.path.endswith(".json"):
        return False
    lines = repo.lines(location.path) if repo.exists(location.path) else []
    for number in (location.line, location.line - 1):
        if 0 < number <= len(lines):
            match = _COMMENT.search(lines[number - 1])
            if match and any(finding.code.startswith(c.strip()) for c in match.group(1).split(",") if c.strip()):
                return True
    return False
