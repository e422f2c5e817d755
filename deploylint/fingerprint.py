"""A finding's identity without line numbers, shared by SARIF `partialFingerprints`
and the baseline file: the rule, the file, the text of the flagged line and the files
of the evidence chain. Lines moving above a finding keep its fingerprint; editing the
flagged line (or the chain moving to other files) gives a new one."""
from __future__ import annotations

import hashlib

from .secrets import redact

KEY = "deploylint/v2"


def line_text(repo, location) -> str:
    """The flagged line, whitespace-normalised ("" when the file or line is unknown)."""
    if repo is None or not location.line or not repo.exists(location.path):
        return ""
    try:
        lines = repo.lines(location.path)
    except Exception:  # an unreadable file: identity from the other parts
        return ""
    return " ".join(lines[location.line - 1].split()) if location.line <= len(lines) else ""


def fingerprint(repo, finding, path: str | None = None) -> str:
    """32 hex digits. `path` is the finding's path as shown (defaults to root-relative)."""
    parts = [finding.code, path if path is not None else finding.location.path,
             redact(line_text(repo, finding.location)),
             *sorted({step.location.path for step in finding.trace})]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def numbered(digests: list[str]) -> list[str]:
    """`digest:n`: the n-th finding with the same digest (two identical lines)."""
    seen: dict[str, int] = {}
    out = []
    for digest in digests:
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out
