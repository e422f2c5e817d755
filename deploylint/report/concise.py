"""`--format concise`: one line a finding, as ruff's concise output and compilers do:

    path:line:col: CODE [severity] message

Editors' problem matchers and `grep` read it; the trace and the hint are in the other
formats (`text`, `json`)."""
from __future__ import annotations

from ..model import Severity
from ..secrets import redact
from .text import _SEVERITY_COLOUR, _safe, _summary, painter


def render(results, settings, stream, colour: bool = False, quiet: bool = False) -> None:
    paint = painter(colour)
    total = []
    for result in results:
        for finding in result.findings:
            total.append(finding)
            loc = finding.location
            severity = finding.severity or Severity.INFO
            head = f"{_safe(result.display(loc.path))}:{loc.line or 1}:{loc.column or 1}:"
            message = _safe(" ".join(finding.message.split()))
            stream.write(redact(f"{paint(head, 'bold')} {paint(finding.code, _SEVERITY_COLOUR[severity])} "
                                f"[{severity.label}] {message}") + "\n")
    if not quiet:
        _summary(total, stream, paint)
