"""The rule book as data: pages, their sections and example repositories.

Pages are `rules/DPLxxx.md`, shipped as the package `deploylint.rulebook` and read with
importlib.resources, so `deploylint rule X`, SARIF help and the test-suite all read the
same text. (This module is not called `rulebook`: that name is the pages' package.)
"""
from __future__ import annotations

import re
from .record import dataclass, field
from .patterns import lazy_re

PACKAGE = "deploylint.rulebook"
# Where the pages are published; pyproject's [project.urls] "Repository" wins when set.
DEFAULT_REPOSITORY = "https://github.com/deploylint/deploylint"

_FENCE = lazy_re(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_TITLE = lazy_re(r"""title=(?:"([^"]+)"|'([^']+)'|(\S+))""")


@dataclass
class Example:
    kind: str  # "bad" or "good"
    heading: str  # the heading text, e.g. "Bad" or "Bad: uvicorn workers"
    files: dict[str, str] = field(default_factory=dict)


def page(code: str) -> str | None:
    """The Markdown page of a rule, or None if it has none."""
    from importlib.resources import files

    resource = files(PACKAGE) / f"{code}.md"
    try:
        return resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


def page_codes() -> list[str]:
    """Codes that have a page (whatever the registry says)."""
    from importlib.resources import files

    return sorted(entry.name[:-3] for entry in files(PACKAGE).iterdir()
                  if re.fullmatch(r"DPL\d{3}\.md", entry.name))


def rules() -> list[dict]:
    """Every registered rule: code, name, severity, summary (from the rule modules)."""
    from .checks import RULES, rule

    table = []
    for code in RULES:
        module = rule(code)
        table.append({"code": code, "name": module.NAME, "severity": module.SEVERITY.label,
                      "summary": module.SUMMARY, "fix": getattr(module, "FIX", "never")})
    return table


def lookup(name_or_code: str) -> str | None:
    """A rule code from a code (any case) or a rule name."""
    from .checks import RULES

    wanted = name_or_code.strip()
    if wanted.upper() in RULES:
        return wanted.upper()
    for entry in rules():
        if entry["name"] == wanted.lower():
            return entry["code"]
    return None


def heading(text: str) -> str:
    """The first line `# DPL101 polling-started-twice` without the `#`."""
    first = next((line for line in text.splitlines() if line.startswith("# ")), "")
    return first[2:].strip()


def section(text: str, title: str) -> str:
    """The body of `## <title>` (up to the next `## ` heading), stripped."""
    match = re.search(rf"^##[ \t]+{re.escape(title)}[ \t]*\n(.*?)(?=^##[ \t]|\Z)", text,
                      re.MULTILINE | re.DOTALL | re.IGNORECASE)
    return match.group(1).strip() if match else ""


def first_paragraph(markdown: str) -> str:
    paragraph = markdown.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def examples(text: str) -> list[Example]:
    """Each `### Bad...` / `### Good...` heading with the titled fenced blocks under it."""
    found: list[Example] = []
    parts = re.split(r"^###[ \t]+(.*)$", text, flags=re.MULTILINE)
    # parts: [before, heading1, body1, heading2, body2, ...]
    for title, body in zip(parts[1::2], parts[2::2]):
        kind = title.strip().split(":")[0].split(" ")[0].lower()
        if kind not in ("bad", "good"):
            continue
        body = re.split(r"^##[ \t]", body, maxsplit=1, flags=re.MULTILINE)[0]
        example = Example(kind, title.strip())
        for fence in _FENCE.finditer(body):
            name = _TITLE.search(fence.group("info"))
            if name:
                example.files[next(g for g in name.groups() if g)] = fence.group("body")
        found.append(example)
    return found


def repository_url() -> str:
    try:
        from importlib.metadata import metadata

        urls = metadata("deploylint").get_all("Project-URL") or []
    except Exception:  # not installed as a distribution (running from a source tree)
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("repository", "source", "homepage") and "github.com" in url:
            return url.strip().rstrip("/")
    return DEFAULT_REPOSITORY


def help_uri(code: str, repository: str | None = None) -> str:
    return f"{repository or repository_url()}/blob/main/rules/{code}.md"
