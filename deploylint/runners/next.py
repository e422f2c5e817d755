"""`next start [dir]` / `next dev [dir]`, and `node server.js` of `next build`'s standalone
output: the Next.js server.

The server imports the project's instrumentation file (`instrumentation.{ts,js}` in the
project directory or its `src/`) at start and calls its exported `register()` once per
server process (https://nextjs.org/docs/app/guides/instrumentation). That is where a
Next.js app starts a bot or a scheduler, so the file is the process's entry with the
variant "next-server" (js_reach then also runs `register`). `next build`, `next lint`,
`next telemetry` run once and exit.
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..model import Location
from ..repo import join

SERVERS = ("start", "dev")
VARIANT = "next-server"
INSTRUMENTATION = tuple(f"{where}instrumentation.{ext}" for where in ("", "src/") for ext in ("ts", "js", "mjs", "mts"))
CONFIGS = ("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts")
_VALUED = {"-p", "--port", "-H", "--hostname", "--keepAliveTimeout", "--experimental-https-key",
           "--experimental-https-cert", "--experimental-https-ca"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    if not args or args[0] not in SERVERS:
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    positional, i = [], 1
    while i < len(args):
        arg = args[i]
        if arg in _VALUED:
            i += 2
            continue
        if not arg.startswith("-"):
            positional.append(arg)
        i += 1
    directory = join(ctx.cwd, positional[0]) if positional else ctx.cwd
    return server(call, ctx, directory, call.at(0), f"`next {args[0]}`")


def server(call: Call, ctx: Context, directory: str, where: Location, how: str) -> Analysis:
    """The Next.js server process for the project in `directory`."""
    from . import node

    found = next((join(directory, name) for name in INSTRUMENTATION if ctx.repo.exists(join(directory, name))), None)
    if found is None:
        return Analysis([ctx.process(call, kind="node", entry=None, language="javascript")])
    inner = ctx.step(where, f"{how} starts the Next.js server, which calls register() of {found} once per server process")
    return Analysis([inner.process(call, kind="node", entry=found, language=node.language_of(found), variant=VARIANT)])


def is_project(ctx: Context, directory: str) -> bool:
    """A Next.js project directory: it has a next.config file."""
    return any(ctx.repo.exists(join(directory, name)) for name in CONFIGS)
