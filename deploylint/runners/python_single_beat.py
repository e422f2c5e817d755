"""`single-beat <command>` (the single-beat package): runs the command only while it holds a
Redis lock (SINGLE_BEAT_REDIS_SERVER); a second copy waits until the first one dies. Every
copy of `single-beat celery beat` is therefore one beat at a time: the processes it starts
carry a `leader` the checks count as one copy (code/python_leader)."""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..record import replace

LEADER = "single-beat's Redis lock (the other copies wait)"


def expand(call: Call, ctx: Context) -> Analysis:
    from ..commands import run_call

    inner = call.shifted(1)
    if not inner.argv:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    result = run_call(inner, ctx.deeper())
    result.processes = [replace(p, leader=LEADER) for p in result.processes]
    return result
