"""Standalone start scripts (`start.sh`, `run.sh`, `entrypoint.sh`, `bin/start`) that no
config file runs: a target of their own, "run by hand".

Someone runs such a script on a server or in a terminal (often `nohup ./start.sh &`): one
copy of the script, and whatever it starts side by side (`python bot.py & python bot.py`)
still runs together. A script that a Procfile, Dockerfile, compose file, package.json,
Makefile, CI workflow or another script names is followed from there instead.
"""
from __future__ import annotations

import posixpath
import re

from ..model import Command, Launch, Location, Target
from ..repo import Repo
from .names import is_start_script, start_script_path
from ..patterns import lazy_re

MAX_SCRIPTS = 20
_RUN_FROM_PARENT = ("bin", "script", "scripts", "deploy", "docker", ".docker", "ops")
# files that may run a script: configs, manifests, other scripts (not code or docs)
_REFERENCING_NAMES = lazy_re(
    r"(?i)^(Procfile(\..+)?|Dockerfile.*|.*\.dockerfile|Containerfile|Makefile|GNUmakefile|justfile|Taskfile\.ya?ml|"
    r"(ecosystem|pm2)[^/]*\.[cm]?js|"  # PM2 `script: './start.sh'`
    r"package\.json|.*\.(sh|bash|ya?ml|toml|json|ini|cfg|conf|service|mk|txt|nix))$")


def targets(repo: Repo) -> list[Target]:
    scripts = [p for p in repo.named(is_start_script) if start_script_path(p)][:MAX_SCRIPTS]
    named = _referenced(repo, scripts) if scripts else set()
    found = []
    for path in scripts:
        if path in named:
            continue
        directory = posixpath.dirname(path)
        if posixpath.basename(directory) in _RUN_FROM_PARENT:
            directory = posixpath.dirname(directory)  # `./scripts/start.sh`, `bin/start`: run from the project root
        interpreter = "bash" if (repo.peek(path) or "").startswith(("#!/bin/bash", "#!/usr/bin/env bash")) else "sh"
        launch = Launch("script", f"`{path}` run by hand", Location(path, 1, 1),
                        Command(Location(path, 1, 1), argv=(interpreter, posixpath.relpath(path, directory or "."))), cwd=directory,
                        note="a start script no config file runs: one copy, started by hand",
                        # where and in which image it runs is unknown (`cd /app` in a stale container
                        # entrypoint): files it names are not reported missing
                        built=("*",))
        found.append(Target("local", path, Location(path, 1, 1), [launch], hosts_differ=False))
    return found


def _referenced(repo: Repo, scripts: list[str]) -> set[str]:
    """The scripts some other config, manifest or script names (each file read once)."""
    by_name: dict[str, list[str]] = {}
    for path in scripts:
        by_name.setdefault(posixpath.basename(path), []).append(path)
    # the names first, the character before them checked after: a pattern that starts with
    # a look-behind is tried at every byte of every file (slow over a big tree)
    names = rb"(" + b"|".join(re.escape(n.encode()) for n in sorted(by_name)) + rb")(?![\w-])"
    quick = re.compile(names)
    pattern = re.compile(rb"(?<![\w.-])" + names)
    named: set[str] = set()
    for other in repo.files:
        if not _REFERENCING_NAMES.match(posixpath.basename(other)):
            continue
        text = repo.peek(other, quick=quick)
        if text is None:
            continue
        for match in pattern.finditer(text.encode("utf-8", "replace")):
            named.update(p for p in by_name.get(match.group(1).decode(), []) if p != other)
    return named
