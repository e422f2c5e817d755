"""Start commands that wait for a dependency, then run the rest of the line.

`wait-for db:5432 -- python bot.py` (eficode/wait-for, mrako/wait-for),
`wait-for-it.sh db:5432 -t 60 -- npm start` (vishnubob/wait-for-it) and
`dockerize -wait tcp://db:5432 -timeout 60s python bot.py` (jwilder/dockerize) are
downloaded into the image (`RUN curl -O .../wait-for`, `ADD https://...`) far more often
than committed, so deploylint knows what they do: wait, then `exec` the command after
`--` (dockerize: after its options). Without a command they start nothing. A script of
that name that the repository does hold is read like any other script instead.
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context, run_call

NAMES = frozenset({"wait-for", "wait-for.sh", "wait-for-it", "wait-for-it.sh", "dockerize"})
# dockerize options that take no value
_DOCKERIZE_FLAGS = frozenset({"-poll", "--poll", "-no-overwrite", "--no-overwrite", "-version", "--version"})


def expand(call: Call, ctx: Context) -> Analysis:
    from ..repo import join

    if call.argv and not call.argv[0].startswith("/") and ctx.repo.exists(join(ctx.cwd, call.argv[0])):
        from .shell import script  # the repository's own script of that name

        return script(call, ctx, call.argv[0], 1)
    args = call.args
    if call.program == "dockerize":
        index = 0
        while index < len(args) and args[index].startswith("-") and args[index] != "--":
            word = args[index]
            index += 1 if word in _DOCKERIZE_FLAGS or "=" in word else 2
        start = index + 1 if index < len(args) and args[index] == "--" else index
    else:
        start = args.index("--") + 1 if "--" in args else len(args)
    if start >= len(args):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    step = ctx.step(call.location, f"`{call.program}` waits, then runs the command after it")
    return run_call(call.shifted(start + 1), step.deeper())
