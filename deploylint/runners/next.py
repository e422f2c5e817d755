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

from .options import parse
from ..commands import Analysis, Call, Context
from ..model import Location
from ..patterns import lazy_re
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
    _, positional = parse(args, _VALUED, start=1)
    directory = join(ctx.cwd, positional[0]) if positional else ctx.cwd
    return server(call, ctx, directory, call.at(0), f"`next {args[0]}`")


def server(call: Call, ctx: Context, directory: str, where: Location, how: str) -> Analysis:
    """The Next.js server process for the project in `directory`. Its entry is the file the
    server loads first: the next.config file, else the instrumentation file, else a route
    module; js_reach (variant "next-server") then walks them all (server_files)."""
    from . import node

    instrumentation, routes = server_files(ctx.repo, directory)
    config = next((join(directory, n) for n in CONFIGS if ctx.repo.exists(join(directory, n))), None)
    found = config or instrumentation or (routes[0] if routes else None)
    if found is None:
        return Analysis([ctx.process(call, kind="node", entry=None, language="javascript")])
    what = f"calls register() of {instrumentation} once per server process" if instrumentation else \
        "loads the route modules of the project"
    inner = ctx.step(where, f"{how} starts the Next.js server, which {what}")
    return Analysis([inner.process(call, kind="node", entry=found, language=node.language_of(found), variant=VARIANT)])


MAX_ROUTES = 200  # route modules walked per project
_ROUTE = lazy_re(r"^(?:src/)?(?:app/(?:.+/)?route|pages/api/.+)\.(?:ts|js|mjs|mts)$", needs=("app/", "pages/api/"))


def server_files(repo, directory: str) -> tuple[str | None, list[str]]:
    """(instrumentation file, route modules) of the Next.js project in `directory`. A route
    module (app/**/route.ts, pages/api/**) is loaded by the server on its first request, so
    code at its top level runs once in every server process."""
    instrumentation = next((join(directory, n) for n in INSTRUMENTATION if repo.exists(join(directory, n))), None)
    prefix = f"{directory}/" if directory else ""
    routes = []
    for path in repo.files:
        if path.startswith(prefix) and _ROUTE.search(path[len(prefix):]) and "node_modules/" not in path:
            routes.append(path)
            if len(routes) >= MAX_ROUTES:
                break
    return instrumentation, sorted(routes)


def project_of(entry: str) -> str:
    """The project directory of a next-server entry (next.config, instrumentation or a route)."""
    import posixpath
    import re

    base = posixpath.basename(entry)
    if base.startswith(("next.config.", "instrumentation.")):
        directory = posixpath.dirname(entry)
        return posixpath.dirname(directory) if posixpath.basename(directory) == "src" else directory
    match = re.search(r"(?:^|/)(?:src/)?(?:app|pages)/", entry)
    return entry[:match.start()] if match else posixpath.dirname(entry)


def is_project(ctx: Context, directory: str) -> bool:
    """A Next.js project directory: it has a next.config file."""
    return any(ctx.repo.exists(join(directory, name)) for name in CONFIGS)
