"""Suppressions: inline comments and `per-file-ignores`, and the ones that match nothing.

An inline suppression is a comment on the finding's line, or on a line of its own right
above it (several stacked comment lines all apply to the first line below them):

    # deploylint: ignore[DPL102] the bot takes a lock in Redis before polling
    // deploylint: ignore[DPL102,DPL105] reason        (JS/TS files)

Codes may be prefixes (`DPL1`). JSON has no comments: use `per-file-ignores`. A
suppression that matches no finding, or names no rule, is itself reported as DPL901;
with `require-reason` so is one without a reason (it still suppresses).
"""
from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from .record import dataclass, field

from .model import Finding, Location
from .patterns import WORD_CHARS, lazy_re, plain_name

CODE = "DPL901"
_MARK = "deploylint:"
_COMMENT = lazy_re(r"(?:^|\s)(#|//)\s*deploylint:\s*ignore\[([^\]]*)\]?(.*)$")
_SLASH_COMMENTS = (".js", ".cjs", ".mjs", ".jsx", ".ts", ".cts", ".mts", ".tsx")
_HASH_COMMENTS = (".py", ".pyw", ".sh", ".bash", ".yml", ".yaml", ".toml", ".env", ".dockerfile", ".cfg", ".ini",
                  ".conf", ".txt")
_HASH_NAMES = lazy_re(r"^(Procfile|Dockerfile|Containerfile|Aptfile|Pipfile)([.\w-]*)$", re.IGNORECASE,
                      needs=("procfile", "dockerfile", "containerfile", "aptfile", "pipfile"))
_HASH_STEMS = ("procfile", "dockerfile", "containerfile", "aptfile", "pipfile")
_NAME_TAIL = WORD_CHARS | {".", "-"}


def _hash_named(base: str) -> bool:
    """`_HASH_NAMES.match(base)`, answered without compiling it for a plain name."""
    if not plain_name(base):
        return bool(_HASH_NAMES.match(base))
    lower = base.lower()
    return any(lower.startswith(stem) and _NAME_TAIL.issuperset(lower[len(stem):]) for stem in _HASH_STEMS)


@dataclass
class Suppression:
    path: str
    line: int  # where the comment is
    column: int
    codes: tuple[str, ...]
    reason: str
    covers: tuple[int, ...]  # lines whose findings it suppresses
    own_line: bool = False  # a comment line of its own: covers the line below
    used: set[str] = field(default_factory=set)

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)


def apply(repo, findings: list[Finding], settings, plan=None) -> list[Finding]:
    """The findings that survive per-file-ignores and inline comments, plus DPL901 for
    suppressions that matched nothing (or lack a reason under require-reason)."""
    findings, used_entries = _per_file(findings, settings)
    suppressions = collect(repo, _candidates(repo, plan, findings))
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    for suppression in suppressions:
        for line in suppression.covers:
            by_line.setdefault((suppression.path, line), []).append(suppression)
    kept = [f for f in findings if not _suppress(f, by_line)]
    if not settings.enabled(CODE):
        return kept
    extra, used_by_extra = _per_file(list(_unused(suppressions, settings)), settings)
    unused_entries = [p for p in settings.per_file_ignores if p not in used_entries | used_by_extra]
    extra += _unused_entries(unused_entries, settings)
    from .checks import rule

    for finding in extra:
        finding.severity = settings.severity.get(CODE, rule(CODE).SEVERITY)
    kept.extend(f for f in extra if not _suppress(f, by_line))
    return kept


# -- per-file-ignores -----------------------------------------------------------------
def _per_file(findings: list[Finding], settings) -> tuple[list[Finding], set[str]]:
    """The findings no entry matches, and the entries that matched something."""
    entries = settings.per_file_ignores
    if not entries:
        return findings, set()
    used: set[str] = set()
    kept = []
    for finding in findings:
        matched = [pattern for pattern, codes in entries.items()
                   if _path_matches(settings.config_relative(finding.location.path), pattern)
                   and any(finding.code.startswith(code) for code in codes)]
        used.update(matched)
        if not matched:
            kept.append(finding)
    return kept, used


def _path_matches(path: str, pattern: str) -> bool:
    pattern = pattern.lstrip("/").removeprefix("./")
    if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern.rstrip("/") + "/*"):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(posixpath.basename(path), pattern)


def _unused_entries(patterns: list[str], settings) -> list[Finding]:
    # An entry can only be judged when the whole tree it is written for was scanned.
    if settings.config_file is None or settings.prefix:
        return []
    return list(_entry_findings(patterns, settings))


def _entry_findings(patterns: list[str], settings):
    config = settings.config_file
    for pattern in patterns:
        codes = settings.per_file_ignores[pattern]
        if not any(_any_enabled(c, settings) for c in codes):
            continue
        listed = ", ".join(f'"{code}"' for code in codes)
        yield Finding(CODE, f"`per-file-ignores` entry \"{pattern}\" = [{listed}] matches no finding",
                      Location(os.path.basename(config), settings.entry_lines.get(pattern, 1), 1),
                      "remove the entry (the problem it silenced is gone), or fix its path pattern; "
                      "patterns are relative to the config file's directory")


# -- inline comments ------------------------------------------------------------------
def collect(repo, paths) -> list[Suppression]:
    found: list[Suppression] = []
    for path in sorted(paths):
        text = repo.peek(path)
        if text and _MARK in text:
            found.extend(parse(path, text))
    return found


def parse(path: str, text: str) -> list[Suppression]:
    """Every suppression comment in one file, with the lines it covers."""
    slash = path.endswith(_SLASH_COMMENTS)
    lines = text.splitlines()
    found: list[Suppression] = []
    pending: list[Suppression] = []  # own-line comments waiting for the line below
    for number, line in enumerate(lines, start=1):
        match = _COMMENT.search(line) if _MARK in line else None
        if match and (match.group(1) == "//") == slash:
            codes = tuple(c.strip().upper() for c in match.group(2).split(",") if c.strip())
            reason = match.group(3).strip().lstrip("-–—:#/ ").strip()
            own_line = not line[:match.start(1)].strip()
            suppression = Suppression(path, number, match.start(1) + 1, codes, reason, (number,), own_line)
            found.append(suppression)
            if own_line:
                pending.append(suppression)
                continue
        if line.strip():  # the first line below stacked comments is the one they cover
            for waiting in pending:
                waiting.covers = (*waiting.covers, number)
        pending = []  # a blank line ends "the line above"
    return found


def _suppress(finding: Finding, by_line) -> bool:
    location = finding.location
    if not location.line:
        return False
    hit = False
    for suppression in by_line.get((location.path, location.line), ()):
        for code in suppression.codes:
            if finding.code.startswith(code):
                suppression.used.add(code)
                hit = True
    return hit


def _unused(suppressions: list[Suppression], settings):
    from .checks import RULES

    for s in suppressions:
        if not s.codes:
            yield Finding(CODE, "suppression names no rule code", s.location,
                          "write the code(s) to ignore: `deploylint: ignore[DPL102] reason`")
            continue
        for code in s.codes:
            if not any(known.startswith(code) for known in RULES) or not re.fullmatch(r"DPL\d{0,3}", code):
                yield Finding(CODE, f"suppression names `{code}`, which is not a deploylint rule", s.location,
                              "fix the code (see `deploylint rule --all`) or remove the comment")
            elif code not in s.used and _any_enabled(code, settings) and code != CODE:
                where = "on the line below" if s.own_line else "on this line"
                yield Finding(CODE, f"unused suppression: no {code} finding {where}", s.location,
                              "remove the comment (the problem it silenced is gone), or move it onto the "
                              "finding's line or the line right above it")
        if settings.require_reason and not s.reason and s.used:
            yield Finding(CODE, f"suppression of {', '.join(s.codes)} gives no reason", s.location,
                          "say why after the bracket: `deploylint: ignore[DPL102] the bot takes a Redis lock`"
                          " (required by --require-reason / require-reason = true)")


def _any_enabled(prefix: str, settings) -> bool:
    from .checks import RULES

    return any(code.startswith(prefix) and settings.enabled(code) for code in RULES)


# -- which files to read --------------------------------------------------------------
def commentable(path: str) -> bool:
    base = posixpath.basename(path)
    return path.endswith(_SLASH_COMMENTS + _HASH_COMMENTS) or _hash_named(base)


def _candidates(repo, plan, findings: list[Finding]) -> set[str]:
    """Files that carry a finding or take part in the plan, plus every config-kind file
    (a stale comment in a file that now has no finding must still be found)."""
    paths = {f.location.path for f in findings} | {s.location.path for f in findings for s in f.trace}
    if plan is not None:
        paths |= _plan_paths(plan)
    paths |= {p for p in repo.files if _config_kind(p)}
    return {p for p in paths if p and not p.startswith("../") and commentable(p) and repo.exists(p)}


def _config_kind(path: str) -> bool:
    base = posixpath.basename(path)
    return _hash_named(base) or base.endswith((".yml", ".yaml", ".toml", ".dockerfile")) \
        or base.startswith(("ecosystem.config.", "pm2."))


def _plan_paths(plan) -> set[str]:
    paths: set[str] = set()
    for target in plan.targets:
        paths.add(target.location.path)
    for lp in plan.launches:
        paths.add(lp.launch.location.path)
        paths.update(f.location.path for f in lp.facts)
        for instance in lp.instances:
            paths.add(instance.process.location.path)
            paths.update(s.location.path for s in instance.process.trace)
            if instance.process.entry:
                paths.add(instance.process.entry)
            for evidence in instance.evidence:
                paths.add(evidence.location.path)
                paths.update(s.location.path for s in evidence.trace)
    return paths


