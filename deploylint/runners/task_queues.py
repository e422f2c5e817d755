"""Task-queue programs that run from the image's PATH: `huey_consumer pkg.tasks.huey`,
`huey_consumer.py ...`, `periodiq pkg.tasks`. Each is one long-running Python process;
whether it schedules periodic work is code/task_queues.py's business."""
from __future__ import annotations

from ..commands import Analysis, Call, Context


def expand(call: Call, ctx: Context) -> Analysis:
    one_shot = any(a in ("-h", "--help", "--version", "-V") for a in call.args[:8])
    return Analysis([ctx.process(call, kind="other", language="python", long_running=not one_shot)])
