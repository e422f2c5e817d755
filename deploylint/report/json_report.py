"""`--format json`: the contract in DESIGN.md (version 1)."""
from __future__ import annotations

import json

from ..model import Finding, Severity
from ..secrets import redact
from ..safe import clean
from . import counts, shown


def finding_dict(finding: Finding, root_label: str) -> dict:
    from ..checks import rule

    loc = finding.location
    document = {
        "code": finding.code,
        "name": rule(finding.code).NAME,
        "severity": (finding.severity or Severity.INFO).label,
        "path": shown(loc.path),
        "line": loc.line or 1,
        "column": loc.column or 1,
        "end_line": loc.end_line or loc.line or 1,
        "end_column": loc.end_column or (loc.column or 1),
        "message": shown(finding.message),
        "hint": shown(finding.hint),
        "trace": [{"path": shown(s.location.path), "line": s.location.line or 1, "note": shown(s.note)}
                  for s in finding.trace],
        "root": shown(root_label),
        **({"fix": _fix(finding.fix)} if finding.fix is not None else {}),
    }
    if finding.singleton is not None:
        document["singleton"] = {"family": finding.singleton[0], "library": finding.singleton[1]}
    if finding.platform:  # additive (0.2): the deployment target the finding is about
        document["platform"] = finding.platform
    return document


def _fix(fix) -> dict:
    return {"applicability": fix.applicability, "description": fix.description, "edits": [_edit(e) for e in fix.edits]}


def _edit(e) -> dict:
    if not hasattr(e, "line"):  # a FileEdit: the whole file written (created), or deleted (content null)
        return {"path": clean(e.path), "content": None if e.content is None else clean(e.content)}
    return {"path": clean(e.path), "line": e.line, "column": e.column, "end_line": e.end_line,
            "end_column": e.end_column, "content": clean(e.content)}


def render(results, settings, stream) -> None:
    findings = [f for r in results for f in r.findings]
    document = {
        "version": 1,
        "findings": [finding_dict(f, r.label) for r in results for f in r.findings],
        "summary": {"files_scanned": sum(r.files_scanned for r in results), **counts(findings)},
    }
    # serialise first, then redact the whole text: json.dump writes in small pieces that
    # could split a token between two writes
    stream.write(redact(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")


def statistics(results, stream) -> None:
    """`--statistics --format json`: [{"code", "name", "count"}], most first (as ruff)."""
    from .text import statistics_rows

    stream.write(json.dumps(statistics_rows(results), indent=2) + "\n")
