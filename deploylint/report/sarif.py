"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Rules carry their rule-book page as help; each result carries the evidence trace as
relatedLocations (and as a code flow), and a partial fingerprint that does not contain
line numbers, so an alert survives lines moving above it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import quote

from ..model import Location, Severity
from ..secrets import redact
from ..safe import clean
from . import shown, workspace_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "deploylint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def render(results, settings, stream) -> None:
    sarif = document(results, settings)
    # indented for people; a large log compact (json's C encoder: 10x faster than indent)
    indent = 2 if len(sarif["runs"][0]["results"]) <= 1000 else None
    stream.write(redact(json.dumps(sarif, indent=indent, ensure_ascii=False)) + "\n")


def document(results, settings) -> dict:
    from .. import __version__
    from ..checks import RULES
    from ..rulepages import repository_url

    repository = repository_url()
    codes = list(RULES)
    fingerprints: dict[str, int] = {}
    run = {
        "tool": {"driver": {
            "name": "deploylint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": repository,
            "rules": [_descriptor(code, settings, repository) for code in codes],
        }},
        "invocations": [{"executionSuccessful": True}],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(result, finding, codes.index(finding.code), fingerprints)
                    for result in results for finding in result.findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _descriptor(code: str, settings, repository: str) -> dict:
    from ..checks import rule
    from ..rulepages import first_paragraph, help_uri, page, section

    module = rule(code)
    text = page(code)
    level = (settings.severity.get(code) if settings is not None else None) or module.SEVERITY
    full = first_paragraph(section(text, "What it catches")) if text else ""
    descriptor = {
        "id": code,
        "name": module.NAME,
        "shortDescription": {"text": module.SUMMARY},
        "fullDescription": {"text": full or module.SUMMARY},
        "help": {"text": text or f"{code} {module.NAME}: {module.SUMMARY}",
                 "markdown": text or f"**{code} {module.NAME}**: {module.SUMMARY}"},
        "helpUri": help_uri(code, repository),
        "defaultConfiguration": {"level": _LEVEL[level]},
        "properties": {"tags": ["deployment", "reliability"], "precision": "high",
                       "problem.severity": _PROBLEM[level]},
    }
    return descriptor


def _result(result, finding, index: int, fingerprints: dict[str, int]) -> dict:
    severity = finding.severity or Severity.INFO
    related = [{"id": number, "physicalLocation": _physical(result, step.location), "message": {"text": shown(step.note)}}
               for number, step in enumerate(finding.trace, start=1)]
    entry = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": _LEVEL[severity],
        "message": {"text": f"{shown(finding.message)}\nHow to fix: {shown(finding.hint)}"},
        "locations": [{"physicalLocation": _physical(result, finding.location)}],
        "partialFingerprints": {FINGERPRINT: _fingerprint(result, finding, fingerprints)},
    }
    if related:
        entry["relatedLocations"] = related
        entry["codeFlows"] = [{"threadFlows": [{"locations": [
            {"location": {"physicalLocation": r["physicalLocation"], "message": r["message"]}} for r in related
        ]}]}]
    return entry


def _physical(result, location: Location) -> dict:
    shown = workspace_path(result, location.path)  # code scanning wants checkout-relative paths
    # the file name's own bytes, percent-encoded (a non-UTF-8 name keeps its bytes)
    raw = shown.encode("utf-8", "surrogateescape") if _encodable(shown) else clean(shown).encode("utf-8")
    if os.path.isabs(shown):
        artifact = {"uri": "file://" + quote(raw, safe="/")}
    else:
        artifact = {"uri": quote(raw, safe="/"), "uriBaseId": "%SRCROOT%"}
    physical: dict = {"artifactLocation": artifact}
    if location.line:
        region = {"startLine": location.line}
        if location.column:
            region["startColumn"] = location.column
        if location.end_line >= location.line:
            region["endLine"] = location.end_line
            if location.end_column and (location.end_line > location.line or location.end_column > location.column):
                region["endColumn"] = location.end_column
        source = _source(result, location)
        if source is not None:
            region["snippet"] = {"text": source}
        physical["region"] = region
    return physical


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
        return True
    except UnicodeEncodeError:
        return False


def _source(result, location: Location) -> str | None:
    repo = result.repo
    if repo is None or not location.line or not repo.exists(location.path):
        return None
    lines = repo.lines(location.path)
    return shown(lines[location.line - 1]) if location.line <= len(lines) else None


def _fingerprint(result, finding, seen: dict[str, int]) -> str:
    """What the finding is about, without line numbers: rule, file, the text of the
    flagged line, the message with `file:line` references removed, the trace files."""
    source = " ".join((_source(result, finding.location) or "").split())
    message = re.sub(r"(\S+):\d+(?::\d+)?", r"\1", finding.message)
    parts = [finding.code, clean(result.display(finding.location.path)), source, clean(message),
             *sorted({clean(step.location.path) for step in finding.trace})]
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"
