"""One module per file format; each turns its files into Targets and Launches.

`all_targets(repo)` asks every format, in an order where a format that consumes
another's file (Railway and compose build Dockerfiles; pm2-runtime starts an ecosystem
file) marks it first.
"""
from __future__ import annotations

import importlib

from ..model import Target
from ..repo import Repo
from .names import CLAIMS

FORMATS = ("railway", "compose", "procfile", "dockerfile", "pm2", "scripts")
# the platforms each format's targets belong to, to skip a format `--platform` rules out
FORMAT_PLATFORMS = {"railway": {"railway"}, "compose": {"compose"}, "procfile": {"heroku", "local"},
                    "dockerfile": {"docker"}, "pm2": {"pm2"}, "scripts": {"local"}}


def all_targets(repo: Repo, platforms: tuple[str, ...] = ()) -> list[Target]:
    """Every format's targets; with `platforms`, only the targets of those platforms."""
    targets: list[Target] = []
    for name in FORMATS:
        if platforms and name in FORMAT_PLATFORMS and not FORMAT_PLATFORMS[name] & set(platforms):
            continue
        if repo.named(CLAIMS[name]):
            targets.extend(importlib.import_module(f"{__name__}.{name}").targets(repo))
    return [t for t in targets if not platforms or t.platform in platforms]
