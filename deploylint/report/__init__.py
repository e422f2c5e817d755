"""Reporters: each turns scan results into one output format. Chosen by name in the CLI.

Every reporter exposes `render(results, settings, stream)` and passes all text it writes
through `deploylint.secrets.redact` (a bot token is never printed).
"""
from __future__ import annotations

import importlib

FORMATS = ("text", "concise", "json", "sarif", "github", "markdown")
_MODULES = {"json": "json_report"}


def reporter(name: str):
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{_MODULES.get(name, name)}")


def counts(findings) -> dict[str, int]:
    """errors / warnings / infos, for summaries."""
    from ..model import Severity

    labels = [(f.severity or Severity.INFO).label for f in findings]
    return {"errors": labels.count("error"), "warnings": labels.count("warning"), "infos": labels.count("info")}


def workspace_path(result, path: str) -> str:
    """A finding's path as CI tools want it: relative to the working directory (the
    checkout) when it lies below it, else as the user named the scanned root."""
    import os
    from pathlib import Path

    shown = result.display(path)
    if os.path.isabs(shown):
        try:
            return Path(os.path.normpath(shown)).relative_to(Path.cwd()).as_posix()
        except ValueError:
            pass
    return shown
