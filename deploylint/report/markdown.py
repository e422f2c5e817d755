"""`--format markdown`: a table of findings for a pull-request comment or the GitHub
job summary ($GITHUB_STEP_SUMMARY)."""
from __future__ import annotations

from ..model import Severity
from ..secrets import redact

from ..safe import printable
from . import counts, shown
from ..patterns import lazy_re

_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def render(results, settings, stream) -> None:
    findings = [(r, f) for r in results for f in r.findings]
    lines = ["## deploylint", ""]
    if not findings:
        lines.append("✅ No problems found: nothing in the deployment config starts a singleton twice.")
    else:
        total = counts([f for _, f in findings])
        summary = ", ".join(f"{n} {label if n != 1 else label[:-1]}" for label, n in total.items() if n)
        lines += [f"Found **{len(findings)}** problem{'s' if len(findings) != 1 else ''} ({summary}).", "",
                  "| Severity | Rule | Location | Message | How to fix |",
                  "| --- | --- | --- | --- | --- |"]
        for result, finding in findings:
            loc = finding.location
            where = result.display(loc.path) + (f":{loc.line}" if loc.line else "")
            lines.append(f"| {_ICON[finding.severity or Severity.INFO]} | {_rule(finding.code)} | {_code(where)} "
                         f"| {_cell(finding.message)} | {_cell(finding.hint)} |")
    stream.write(redact("\n".join(lines)) + "\n")


def _rule(code: str) -> str:
    from ..checks import rule
    from ..rulepages import help_uri

    return f"[{code}]({help_uri(code)}) {rule(code).NAME}"


_MARKDOWN = lazy_re(r"(\||\](?=[(\[:]))")  # cells, and `[text](link)` (messages keep their `code`)


def _code(text: str) -> str:
    """A file location as a code span; a backtick in a directory name gets a longer fence."""
    text = _cell(text)
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _cell(text: str) -> str:
    """Table cells from file text: tokens redacted, control characters escaped, no raw
    newlines, and markdown syntax (pipes, backticks, links, emphasis) and HTML escaped,
    so a directory name cannot break the table or inject a link."""
    text = " ".join(printable(shown(text)).split())
    return _MARKDOWN.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
