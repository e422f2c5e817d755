"""`flock [options] FILE COMMAND...` / `flock [options] FILE -c TEXT` (util-linux).

flock takes an exclusive lock on FILE, runs the command, and lets the lock go when it
exits. Two commands under the same lock file on one host never run at once: with `-n`
(or `-w SECS`) the second gives up, without it the second waits for the first to exit.
So the processes of one container that hold the same lock are alternatives (a branch
group per lock file: `Process.excludes`), never copies side by side. The lock is a file
of its own container, though: replicas, dynos and the old container of a deploy each
have their own, which is what DPL302 (local-instance-lock) reports, from the lock-file
fact recorded here. `-s` (shared) excludes nothing; `flock 9` (a file descriptor, no
command) runs nothing.
"""
from __future__ import annotations

import itertools

from ..commands import Analysis, Call, Context, run_call
from ..model import Fact
from ..record import replace

_VALUES = frozenset({"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"})
_COMMAND = frozenset({"-c", "--command"})
_SHARED = frozenset({"-s", "--shared"})


def expand(call: Call, ctx: Context) -> Analysis:
    args, shared, index = call.args, False, 0
    while index < len(args) and args[index].startswith("-") and args[index] != "--":
        word = args[index]
        if word in _COMMAND:
            break
        shared = shared or word in _SHARED or (word[1:2] != "-" and "s" in word[1:] and word[1:].isalpha())
        index += 2 if word in _VALUES else 1
    if index < len(args) and args[index] == "--":
        index += 1
    if index >= len(args) or args[index] in _COMMAND:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    lock = args[index]
    rest = args[index + 1:]
    facts = [Fact("lock-file", call.location, f"flock {lock}")]
    inner = ctx if shared else replace(ctx, branches=(*ctx.branches, (f"flock {lock}", _invocation(ctx))))
    if rest[:1] and rest[0] in _COMMAND:
        text = rest[1] if len(rest) > 1 else ""
        analysis = inner.analyse_shell(text, call.at(index + 3)) if text else Analysis()
    elif rest:
        analysis = run_call(call.shifted(index + 2), inner.deeper())
    else:  # `flock 9`: a descriptor locked for the rest of a script
        return Analysis([ctx.process(call, kind="other", long_running=False)], facts)
    return Analysis(analysis.processes, [*analysis.facts, *facts])


def _invocation(ctx: Context) -> int:
    """A number for this flock run, unique within the scan: each run is its own branch."""
    counter = ctx.repo.memo(("flock-invocations",), lambda: itertools.count(1))
    return next(counter)
