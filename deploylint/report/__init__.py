"""Reporters: each turns findings into one output format. Chosen by name in the CLI."""
from __future__ import annotations

import importlib

FORMATS = ("text", "json")


def reporter(name: str):
    return importlib.import_module(f"{__name__}.{'json_report' if name == 'json' else name}")
