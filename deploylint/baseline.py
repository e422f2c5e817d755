"""Adopting deploylint in a repository that already has findings: a baseline file
records them by fingerprint (deploylint/fingerprint.py: rule + file + flagged line's
text + the trace's files, no line numbers), and later runs report only new findings.

    deploylint check --write-baseline .deploylint-baseline.json
    deploylint check --baseline .deploylint-baseline.json      # or `baseline = "..."`

A recorded finding whose lines moved stays hidden; one whose flagged line changed comes
back. Entries that no longer match any finding are reported as DPL901 (unused
suppression) at their line in the baseline file, so the file shrinks as problems are
fixed. Messages in the file are redacted like every output.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .model import Finding, Location
from .secrets import redact

VERSION = 1
MAX_BYTES = 16 * 1024 * 1024


class BaselineError(Exception):
    """An unreadable or malformed baseline file: a usage error (exit 2)."""


def write(path: str | os.PathLike, results) -> int:
    """Record every finding of `results`; returns how many."""
    path = Path(path)
    from .fingerprint import KEY, fingerprint

    entries = []
    for result in results:
        for finding in result.findings:
            entries.append({
                "fingerprint": fingerprint(result.repo, finding, result.display(finding.location.path)),
                "code": finding.code,
                "path": result.display(finding.location.path),
                "line": finding.location.line or 1,
                "message": redact(" ".join(finding.message.split())),
            })
    document = {"version": VERSION, "tool": "deploylint", "fingerprint": KEY, "findings": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"--write-baseline {path}: {error.strerror or error}") from None
    return len(entries)


def load(path: str | os.PathLike) -> list[dict]:
    """The entries of a baseline file, each with the line it is written on."""
    path = Path(path)
    try:
        if not path.is_file():
            raise BaselineError(f"baseline {path}: no such file (create it with --write-baseline)")
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise BaselineError(f"baseline {path}: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise BaselineError(f"baseline {path}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        text = raw.decode("utf-8")
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BaselineError(f"baseline {path}: not a deploylint baseline (invalid JSON: {error})") from None
    entries = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(entries, list) or document.get("version") != VERSION:
        raise BaselineError(f"baseline {path}: not a deploylint baseline (version {VERSION} with `findings`)")
    lines = _entry_lines(text)
    out = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str) and isinstance(entry.get("code"), str):
            out.append({**entry, "_line": lines[index] if index < len(lines) else 1})
    return out


def _entry_lines(text: str) -> list[int]:
    """The line of each entry's `"fingerprint"` key, in order (json keeps no positions)."""
    import re

    entry = re.compile(r'^\s+"fingerprint":\s*"[0-9a-f]{32}"')
    return [number for number, line in enumerate(text.splitlines(), start=1) if entry.match(line)]


def apply(result, entries: list[dict]) -> None:
    """Hide the findings of `result` that the baseline records (each entry hides one
    finding), marking the entries used."""
    from .fingerprint import fingerprint

    unused: dict[str, list[dict]] = {}
    for entry in entries:
        if not entry.get("_used"):
            unused.setdefault(entry["fingerprint"], []).append(entry)
    kept = []
    for finding in result.findings:
        digest = fingerprint(result.repo, finding, result.display(finding.location.path))
        if unused.get(digest):
            unused[digest].pop(0)["_used"] = True
        else:
            kept.append(finding)
    result.findings = kept


def stale(entries: list[dict], baseline_path: str | os.PathLike, root: str | os.PathLike, settings) -> list[Finding]:
    """DPL901 for every entry no finding used (rules not selected in this run excepted)."""
    shown = _shown(baseline_path, root)
    findings = []
    for entry in entries:
        if entry.get("_used") or not settings.enabled(entry["code"]):
            continue
        where = f"{entry.get('path', '?')}:{entry.get('line', '?')}"
        findings.append(Finding(
            "DPL901",
            redact(f"baseline entry for {entry['code']} at {where} matches no finding any more"),
            Location(shown, entry["_line"], 1),
            "the problem was fixed or its line changed: regenerate the baseline with --write-baseline "
            "(or delete this entry) so it does not hide a new problem"))
    return findings


def _shown(path: str | os.PathLike, root: str | os.PathLike) -> str:
    try:
        return os.path.relpath(os.path.realpath(path), os.path.realpath(root)).replace(os.sep, "/")
    except ValueError:
        return str(path)
