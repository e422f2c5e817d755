"""Compose `build.args` put into the image's environment: `ARG COMMAND` + `ENV MODE=${COMMAND}`
is `celery` for the service built with `args: [COMMAND=celery]`, so a start script that
picks its branch by MODE takes that branch for that service (one Dockerfile, several
services). Values that are themselves interpolated (`${X}`) are left alone; 200 args at most.
"""
from __future__ import annotations

from ..patterns import lazy_re

_ARG_REF = lazy_re(r"\$\{(\w+)\}|\$(\w+)")


def with_build_args(env: dict, service) -> dict:
    """The image's ENV with `build.args` put in: `ARG COMMAND` + `ENV MODE=${COMMAND}` is
    `celery` for the service built with `args: [COMMAND=celery]` (one Dockerfile, a start
    script that picks its branch by MODE)."""
    build = service.get("build")
    raw = build.get("args") if isinstance(build, dict) else None
    if isinstance(raw, list):
        raw = dict(item.partition("=")[::2] for item in raw[:200] if isinstance(item, str) and "=" in item)
    if not isinstance(raw, dict) or not raw:
        return env
    args = {str(k): str(v).lower() if isinstance(v, bool) else str(v) for k, v in list(raw.items())[:200]
            if isinstance(v, (str, int, float)) and "$" not in str(v)}
    if not args:
        return env
    return {k: _ARG_REF.sub(lambda m: args.get(m.group(1) or m.group(2), m.group(0)), v) if isinstance(v, str) and "$" in v
            else v for k, v in env.items()}
