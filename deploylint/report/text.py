"""The default output: ruff's "full" style, with the evidence trace and the fix.

path:line:col: CODE message
   |
 2 | worker: python bot.py
   | ^^^^^^^^^^^^^^^^^^^^^
   = trace: Procfile:1  Procfile `web` runs `uvicorn api_server:app`
   = hint: ...
"""
from __future__ import annotations

import os

from ..model import Severity
from ..secrets import redact

_COLOURS = {"red": "31", "yellow": "33", "blue": "34", "cyan": "36", "bold": "1", "dim": "2"}
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def use_colour(stream, choice: str = "auto") -> bool:
    """--color always/never win; then NO_COLOR (off) and FORCE_COLOR (on), as in
    https://no-color.org and https://force-color.org; then: colour on a terminal."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def painter(colour: bool):
    return (lambda text, c: f"\033[{_COLOURS[c]}m{text}\033[0m") if colour else (lambda text, c: text)


def render(results, settings, stream, colour: bool = False, quiet: bool = False) -> None:
    paint = painter(colour)
    total = []
    for result in results:
        for finding in result.findings:
            total.append(finding)
            _finding(result, finding, stream, paint)
    if not quiet:
        _summary(total, stream, paint)


def _finding(result, finding, stream, paint) -> None:
    loc = finding.location
    severity = finding.severity or Severity.INFO
    path = result.display(loc.path)
    head = f"{path}:{loc.line or 1}:{loc.column or 1}:"
    stream.write(redact(f"{paint(head, 'bold')} {paint(finding.code, _SEVERITY_COLOUR[severity])} "
                        f"[{severity.label}] {finding.message}\n"))
    source = _source_line(result, loc)
    if source is not None:
        gutter = str(loc.line)
        pad = " " * len(gutter)
        start = max(loc.column, 1)
        end = loc.end_column if loc.end_line == loc.line and loc.end_column > start else len(source.rstrip()) + 1
        # The line is shown redacted: measure the caret on the redacted text, so it
        # still sits under the (shorter) token and not beyond it.
        start, end = len(redact(source[: start - 1])) + 1, len(redact(source[: end - 1])) + 1
        marks = " " * (start - 1) + "^" * max(end - start, 1)
        stream.write(f" {pad} {paint('|', 'dim')}\n")
        stream.write(redact(f" {gutter} {paint('|', 'dim')} {source.rstrip()}\n"))
        stream.write(f" {pad} {paint('|', 'dim')} {paint(marks, _SEVERITY_COLOUR[severity])}\n")
    for i, step in enumerate(finding.trace):
        label = "= trace:" if i == 0 else "        "
        where = f"{result.display(step.location.path)}:{step.location.line}" if step.location.line else result.display(step.location.path)
        stream.write(redact(f"   {paint(label, 'cyan')} {where}  {step.note}\n"))
    stream.write(redact(f"   {paint('= hint:', 'cyan')} {finding.hint}\n"))
    if finding.fix is not None:
        how = "--fix" if finding.fix.applicability == "safe" else "--fix --unsafe-fixes"
        stream.write(redact(f"   {paint('= fix:', 'cyan')} {finding.fix.description} "
                            f"({finding.fix.applicability}: `deploylint {how}`)\n"))
    stream.write("\n")


def _source_line(result, loc):
    if not loc.line or result.repo is None or not result.repo.exists(loc.path):
        return None
    lines = result.repo.lines(loc.path)
    if loc.line > len(lines):
        return None
    return lines[loc.line - 1].replace("\t", " ")[:200]


def _summary(findings, stream, paint) -> None:
    if not findings:
        stream.write("All checks passed!\n")
        return
    counts = {s: sum((f.severity or Severity.INFO) == s for f in findings) for s in Severity}
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in reversed(Severity) if counts[s]]
    stream.write(f"Found {len(findings)} problem{'s' if len(findings) != 1 else ''} ({', '.join(parts)}).\n")


def statistics(results, stream, quiet: bool = False) -> None:
    """`--statistics`: how many findings each rule raised, most first."""
    findings = [f for r in results for f in r.findings]
    for row in statistics_rows(results):
        stream.write(f"{row['count']:>5}  {row['code']}  {row['name']}\n")
    if not quiet:
        _summary(findings, stream, lambda text, c: text)


def statistics_rows(results) -> list[dict]:
    """One row per rule that fired: code, name, count; most first (shared with json)."""
    from collections import Counter

    from ..checks import rule

    findings = [f for r in results for f in r.findings]
    counted = sorted(Counter(f.code for f in findings).items(), key=lambda item: (-item[1], item[0]))
    return [{"code": code, "name": rule(code).NAME, "count": count} for code, count in counted]
