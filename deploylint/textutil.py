"""Small text helpers shared by messages and plan output (no imports: start-up path)."""
from __future__ import annotations


def clip(text: str, limit: int = 60) -> str:
    """`text` on one line (runs of whitespace made one space), cut to `limit` with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
