"""One module per file format; each turns its files into Targets and Launches.

`all_targets(repo)` asks every format, in an order where a format that consumes
another's file (Railway and compose build Dockerfiles; pm2-runtime starts an ecosystem
file) marks it first.
"""
from __future__ import annotations

import importlib

from ..model import Target
from ..repo import Repo
from ..safe import isolated_targets
from .names import CLAIMS

FORMATS = ("railway", "compose", "procfile", "dockerfile", "pm2")


def all_targets(repo: Repo) -> list[Target]:
    targets: list[Target] = []
    for name in FORMATS:
        if repo.named(CLAIMS[name]):
            # behind a per-file boundary: a file the format cannot handle costs DPL006
            targets.extend(isolated_targets(repo, importlib.import_module(f"{__name__}.{name}")))
    return targets
