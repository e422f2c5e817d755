"""`honcho start`, `foreman start`, `forego start`, `overmind start`: every Procfile
process runs at once, inside this one container or dyno."""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..repo import join


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    if not args or args[0] not in ("start", "s"):
        if args and args[0] in ("run", "r") and len(args) > 1:
            return ctx.analyse_argv(tuple(args[1:]), call.location, call.background)
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    from ..formats import procfile

    path = join(ctx.cwd, _option(args, ("-f", "--procfile")) or "Procfile")
    if not ctx.repo.exists(path):
        ctx.missing(call.location, f"`{call.program} start` reads {path}, which is not in the repository",
                    "add the Procfile or fix the `-f` path")
        return Analysis()
    ctx.repo.consumed.add(path)  # a Procfile.dev this command runs is not also a target of its own
    only = _positional(args[1:])
    result = Analysis()
    for entry in procfile.parse(ctx.repo, path):
        if only and entry.name not in only or entry.name == "release":
            continue
        inner = ctx.step(call.location, f"{call.program} starts Procfile `{entry.name}` beside the others",
                         background=True)
        result.add(inner.deeper().analyse_shell(entry.command.text, entry.command.location))
    return result


def _option(args: list[str], names: tuple[str, ...]) -> str | None:
    for i, arg in enumerate(args):
        if arg in names and i + 1 < len(args):
            return args[i + 1]
    return None


_VALUED = {"-f", "--procfile", "-e", "--env", "-p", "--port", "-d", "--app-root", "-c", "--concurrency", "-m", "--formation"}


def _positional(args: list[str]) -> list[str]:
    names, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            names.append(arg)
    return names
