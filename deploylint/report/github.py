"""`--format github`: GitHub Actions workflow commands, shown as annotations on the
pull request's diff. Chosen automatically when GITHUB_ACTIONS=true and no --format.

    ::error file=Procfile,line=2,col=1,title=DPL101::Telegram polling ... (how to fix: ...)
"""
from __future__ import annotations

from ..model import Severity
from ..secrets import redact
from ..safe import printable
from . import shown, workspace_path

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(results, settings, stream) -> None:
    lines = []
    total = 0
    for result in results:
        for finding in result.findings:
            total += 1
            loc = finding.location
            properties = ",".join(f"{key}={_property(shown(str(value)))}" for key, value in (
                ("file", workspace_path(result, loc.path)), ("line", loc.line or 1), ("col", loc.column or 1),
                ("title", finding.code)))
            message = f"{printable(shown(finding.message))}\nHow to fix: {printable(shown(finding.hint))}"
            lines.append(f"::{_COMMAND[finding.severity or Severity.INFO]} {properties}::{_data(message)}")
    lines.append(f"deploylint: {total} problem{'s' if total != 1 else ''} found" if total
                 else "deploylint: all checks passed")
    stream.write(redact("\n".join(lines)) + "\n")


def _data(text: str) -> str:
    """Escape a workflow-command message (as @actions/core does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
