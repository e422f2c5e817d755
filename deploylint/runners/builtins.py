"""Commands that start nothing long-running but matter to the guard rules:
`sleep` (DPL303), `pkill`/`killall`/`fuser -k`/`kill $(pgrep)` (DPL301), `trap`, `wait`."""
from __future__ import annotations

import shlex

from ..commands import Analysis, Call, Context
from ..commands.sequence import KEEP_ALIVE, sleep_seconds
from ..model import Fact


def expand(call: Call, ctx: Context) -> Analysis:
    kind = _fact_kind(call)
    facts = [Fact(kind, call.location, shlex.join(call.argv))] if kind else []
    return Analysis([ctx.process(call, kind="other", long_running=False)], facts)


def _fact_kind(call: Call) -> str | None:
    program, args = call.program, call.args
    if program == "sleep":  # `sleep infinity` / `sleep 365d` keeps a container alive: it orders nothing
        seconds = sleep_seconds(args)
        if seconds is not None and seconds < 1:
            return None  # `sleep 0.05` flushes output or throttles a step: too short to order anything
        return None if seconds is not None and seconds >= KEEP_ALIVE else "sleep"
    if program in ("pkill", "killall"):
        return "kill-by-name"
    if program == "fuser" and any(a.startswith("-") and "k" in a for a in args):
        return "kill-by-name"
    if program == "kill" and any("pgrep" in a or "pidof" in a or "ps " in a for a in args):
        return "kill-by-name"
    if program == "rm" and any(a.endswith((".lock", ".pid")) for a in args):
        return "lock-file"
    if program in ("trap", "wait"):
        return program
    return None
