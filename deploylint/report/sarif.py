"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Rules carry their rule-book page as help; each result carries the evidence trace as
relatedLocations (and as a code flow), and a partial fingerprint that does not contain
line numbers, so an alert survives lines moving above it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..model import Location, Severity
from ..secrets import redact
from . import workspace_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
from ..fingerprint import KEY as FINGERPRINT
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def render(results, settings, stream) -> None:
    stream.write(redact(json.dumps(document(results, settings), indent=2, ensure_ascii=False)) + "\n")


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
    if code in _SECURITY:
        # GitHub code scanning shows a rule with `security-severity` and the `security`
        # tag as a security alert, graded by the score (7.0-8.9 high, 4.0-6.9 medium)
        descriptor["properties"]["tags"] = ["security", "deployment", "secrets"]
        descriptor["properties"]["security-severity"] = _SECURITY[code]
    return descriptor


# a published bot token (anyone can run the bot) and one token shared by two environments
_SECURITY = {"DPL201": "8.0", "DPL202": "5.0"}


def _result(result, finding, index: int, fingerprints: dict[str, int]) -> dict:
    severity = finding.severity or Severity.INFO
    related = [{"id": number, "physicalLocation": _physical(result, step.location), "message": {"text": step.note}}
               for number, step in enumerate(finding.trace, start=1)]
    entry = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": _LEVEL[severity],
        "message": {"text": f"{finding.message}\nHow to fix: {finding.hint}"},
        "locations": [{"physicalLocation": _physical(result, finding.location)}],
        "partialFingerprints": {FINGERPRINT: _fingerprint(result, finding, fingerprints)},
    }
    if finding.singleton is not None:
        entry["properties"] = {"singleton": {"family": finding.singleton[0], "library": finding.singleton[1]}}
    if related:
        entry["relatedLocations"] = related
        entry["codeFlows"] = [{"threadFlows": [{"locations": [
            {"location": {"physicalLocation": r["physicalLocation"], "message": r["message"]}} for r in related
        ]}]}]
    return entry


def _physical(result, location: Location) -> dict:
    shown = workspace_path(result, location.path)  # code scanning wants checkout-relative paths
    if os.path.isabs(shown):
        artifact = {"uri": Path(shown).as_uri()}
    else:
        artifact = {"uri": quote(shown, safe="/"), "uriBaseId": "%SRCROOT%"}
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


def _source(result, location: Location) -> str | None:
    repo = result.repo
    if repo is None or not location.line or not repo.exists(location.path):
        return None
    lines = repo.lines(location.path)
    return lines[location.line - 1] if location.line <= len(lines) else None


def _fingerprint(result, finding, seen: dict[str, int]) -> str:
    """The finding's identity without line numbers (deploylint/fingerprint.py, shared
    with the baseline file), numbered when two findings share it."""
    from ..fingerprint import fingerprint

    digest = fingerprint(result.repo, finding, result.display(finding.location.path))
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"
