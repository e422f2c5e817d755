"""Part of the shell analysis (`shell.py`): `trap ACTION EXIT`.

The action runs when the shell exits: its processes start "after the shell exits" (a
fallback, DPL109), never beside the script's own. `trap cleanup EXIT` runs the script's
function `cleanup`, which may be defined further down: a single name that is not (yet) a
function is decided when the walk ends (at most MAX_DEFERRED of them per walk).
"""
from __future__ import annotations

from ..model import Location
from ..record import replace
from . import Analysis

MAX_DEFERRED = 16


def trap_exit(action: str, location: Location, walk, shell, defer: bool = True) -> None:
    ctx = replace(walk.ctx, cwd=walk.cwd, after="the shell exits (`trap ... EXIT`)", waits_for=None,
                  branches=walk.branches, condition=walk.condition)
    name = action.strip()
    if name in walk.functions and name not in walk.calling:
        saved = walk.result, walk.last, walk.how, walk.stopped, walk.jobs, walk.ctx
        walk.result, walk.last, walk.how, walk.stopped, walk.jobs, walk.ctx = Analysis(), None, "exits", False, [], ctx
        try:
            shell._call_function(name, location, walk, False)
        finally:
            inner = walk.result
            walk.result, walk.last, walk.how, walk.stopped, walk.jobs, walk.ctx = saved
    elif defer and name.isidentifier() and len(walk.traps) < MAX_DEFERRED:
        walk.traps.append((name, location, (walk.ctx, walk.cwd, walk.branches, walk.condition)))
        return
    else:
        inner = ctx.analyse_shell(action, location.shifted(1))
    walk.result.processes.extend(p for p in inner.processes if p.long_running)
