"""Compose services that run to completion before others start (`depends_on` conditions).

A one-shot (migrations, setup) that another service waits for with `condition:
service_completed_successfully` exits before that service starts
(https://docs.docker.com/reference/compose-file/services/#depends_on): it never runs beside
it, so formats/compose gives its launch the role "release" (what runs once per deploy).
"""
from __future__ import annotations


def completed_first(merged: dict) -> dict[str, str]:
    """Services another service waits for with `depends_on: {x: {condition:
    service_completed_successfully}}`: compose starts the dependent only after x exited with
    status 0 (https://docs.docker.com/reference/compose-file/services/#depends_on), so x is a
    one-shot (migrations, setup) that never runs beside it. -> {x: "`dependent`"}"""
    found: dict[str, str] = {}
    for service in merged.values():
        depends = service.get("depends_on")
        if not isinstance(depends, dict):
            continue
        for name, spec in list(depends.items())[:100]:
            if isinstance(name, str) and isinstance(spec, dict) \
                    and spec.get("condition") == "service_completed_successfully":
                found.setdefault(name, f"`{service.name}`")
    return found
