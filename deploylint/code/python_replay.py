"""What one event of a unit does to the walk, worked out once and replayed (issue #13).

The walker's handler for an event (a call, an import, a `with`, a hook) spends nearly all
its time on questions whose answers do not depend on how the walk got there: what the
callee names, what the call starts, which modules an import runs. Its effects on the
walk are a handful of calls (enter a unit, emit evidence, create an instance, call a
method by name, start a program, mark a served app), each taking the walk's current task
`here`. So the handler runs once against a blank task while its effects are recorded;
every later visit of the same event (the same function reached with other flags, or
another process whose walk shares the import bases: 13 Celery workers that import one
Flask app) replays the record with its own `here`: a blank task's trace is put after
the real one, the real task's flags are kept.

A record is only kept when every effect took the blank task itself or one that differs
from it only in its trace; anything else runs the handler again, as before.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

from ..record import replace

Record = tuple[tuple[Callable, int | None, tuple, dict], ...]


def effect(position: int | None):
    """Mark a walker method as an effect: while recording it is noted, not run.
    `position` is the index of its `here` argument (None: it takes none)."""
    def wrap(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            recording = self._recording
            if recording is not None:
                recording.append((method, position, args, kwargs))
                return None
            return method(self, *args, **kwargs)
        return run
    return wrap


def rebase(via, here, blank):
    """The task an effect recorded against `blank` gets when replayed at `here`."""
    if via is blank:
        return here
    return replace(here, trace=here.trace + via.trace)


def replayable(record: list, blank) -> bool:
    """Every effect's task is the blank task or differs from it only in its trace."""
    for _method, position, args, _kwargs in record:
        if position is None:
            continue
        via = args[position]
        if via is not blank and replace(via, trace=()) != blank:
            return False
    return True


def dispatch(walker, handler: Callable, m, scope: str, event, here, blank, cache: dict[int, Any]) -> None:
    """Run `handler` for `event` at `here`, from the cached record when there is one."""
    cached = cache.get(id(event))
    if cached is None or cached[0] is not event:
        record: list = []
        walker._recording = record
        try:
            handler(m, scope, event, blank)
        finally:
            walker._recording = None
        cached = (event, tuple(record) if replayable(record, blank) else None)
        cache[id(event)] = cached  # the event is kept alive by the entry: its id is not reused
    if cached[1] is None:
        handler(m, scope, event, here)
        return
    for method, position, args, kwargs in cached[1]:
        if position is not None:
            args = (*args[:position], rebase(args[position], here, blank), *args[position + 1:])
        method(walker, *args, **kwargs)
