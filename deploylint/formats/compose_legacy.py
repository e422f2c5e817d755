"""Compose file format v1: services at the top level of the file, no `services:` key.

Docker Compose v2 reads only the Compose Specification (services under `services:`), so a
v1 file starts nothing (https://docs.docker.com/compose/intro/history/). One DPL002 says
so, instead of the schema's "unknown key" for every service name.
"""
from __future__ import annotations


def format_v1(repo, path: str, data: dict, key_where) -> bool:
    """Report a v1 file once (True), or leave it to the schema check (False)."""
    if "services" in data:
        return False
    legacy = [k for k, v in data.items() if isinstance(v, dict) and ("image" in v or "build" in v)]
    if not legacy:
        return False
    names = ", ".join(f"`{k}`" for k in legacy[:5]) + (", ..." if len(legacy) > 5 else "")
    repo.problem("DPL002", key_where(path, data, legacy[0]),
                 f"{path} is in Compose file format v1 (services at the top level: {names}; no `services:`), "
                 "which Docker Compose v2 no longer reads: none of these services start",
                 "put the services under a top-level `services:` key (https://docs.docker.com/compose/intro/history/)")
    return True
