"""Compose `extends` (same file or `file:`) and `include`: a service's base merged under it
with the Compose merge rules (compose_merge), bounded: MAX_EXTENDS levels of `extends`,
MAX_INCLUDES files of `include`; cycles, missing files and missing services are reported.
Read only when a compose file uses them (compose.py)."""
from __future__ import annotations

import posixpath

from ..repo import Repo, join
from ..safe import sequence
from .compose import _raw_service, load
from .compose_merge import Service, _combined

MAX_EXTENDS = 10  # `extends` followed from one service
MAX_INCLUDES = 20  # `include` nesting (a file that includes a file that includes ...)


def extended(repo: Repo, path: str, own: dict[str, Service], name: str, seen: tuple) -> Service:
    service = own[name]
    spec = service.data.get("extends")
    if spec is None:
        return _combined(None, service)
    mine = Service(service.name, {k: v for k, v in service.data.items() if k != "extends"}, service.location,
                   service.keys, service.values, service.dirs)
    base = _extends_base(repo, path, own, service, spec, seen)
    return _combined(base, mine, mine.location)


def _extends_base(repo: Repo, path: str, own: dict, service: Service, spec, seen: tuple) -> Service | None:
    if isinstance(spec, str):
        spec = {"service": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("service"), str):
        return None
    target, file = spec["service"], spec.get("file")
    where = service.value("extends")
    if (path, file, target) in seen:
        repo.problem("DPL002", where, f"service `{service.name}` extends itself through a cycle",
                     "break the `extends` cycle")
        return None
    if len(seen) >= MAX_EXTENDS:  # an explicit budget, not a cycle
        repo.problem("DPL006", where, f"service `{service.name}`: `extends` chain nested more than {MAX_EXTENDS} "
                     "levels deep; the rest was not followed", "extend a service that is not itself extended")
        return None
    seen = (*seen, (path, file, target))
    if isinstance(file, str):
        other = join(posixpath.dirname(path), file)
        if not repo.exists(other):
            repo.problem("DPL003", service.value("extends", "file"),
                         f"service `{service.name}` extends `{target}` from {other}, which is not in the repository",
                         "fix the `extends.file` path or commit the file")
            return None
        data = load(repo, other)
        raw = data.get("services") if isinstance(data, dict) else None
        pool = {n: _raw_service(other, raw, n) for n in raw} if isinstance(raw, dict) else {}
        path = other
    else:
        pool = own
    if target not in pool:
        repo.problem("DPL002", where, f"service `{service.name}` extends `{target}`, which is not defined"
                     + (f" in {path}" if isinstance(file, str) else ""), "fix the service name in `extends`")
        return None
    return extended(repo, path, pool, target, seen)


def includes(repo: Repo, path: str, data) -> list[str]:
    found = []
    for item in sequence(data.get("include")):
        paths = item if isinstance(item, str) else item.get("path") if isinstance(item, dict) else None
        for text in [paths] if isinstance(paths, str) else paths or []:
            other = join(posixpath.dirname(path), str(text))
            if repo.exists(other) and other != path:
                found.append(other)
    return found
