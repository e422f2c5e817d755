"""Procfile runners inside one container or dyno: `honcho start`, `foreman start`,
`forego start`, `overmind start`, `hivemind`. Every Procfile process runs at once.

- the Procfile: `-f/--procfile PATH`, before or after the subcommand (`honcho -f
  Procfile.prod start`); hivemind takes it as its argument (`hivemind Procfile.dev`);
- a subset: `honcho start bot web`, `overmind start -l bot,web`;
- copies: `honcho start -c bot=2`, `foreman start -m all=1,worker=2`, `overmind start -m
  worker=2` run that many of a process at once (`all` sets every process; 0 leaves one out).
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..model import Copies
from ..repo import join

_VALUED = {"-f", "--procfile", "-e", "--env", "-p", "--port", "-d", "--app-root", "--root", "-c", "--concurrency",
           "-m", "--formation", "-l", "--processes", "-t", "--timeout", "-s", "--socket", "-r", "--port-step",
           "-x", "--ignored-processes", "-N", "--title", "-i", "--interval"}
_SUBSET = ("-l", "--processes")  # overmind: the processes to run, comma-separated
_FORMATION = ("-c", "--concurrency", "-m", "--formation")
MAX_COPIES = 1000


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    hivemind = call.program == "hivemind"
    head = [] if hivemind else _leading_options(args)
    rest = args[len(head):]
    if not hivemind and (not rest or rest[0] not in ("start", "s")):
        if rest and rest[0] in ("run", "r") and len(rest) > 1:
            return ctx.analyse_argv(tuple(rest[1:]), call.location, call.background)
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    options = head + (rest if hivemind else rest[1:])
    if hivemind and any(a in ("-h", "--help", "-v", "--version") for a in options):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    from ..formats import procfile

    positional = _positional(options)
    named = _option(options, ("-f", "--procfile"))
    if hivemind and named is None and positional:
        named, positional = positional[0], positional[1:]
    if named is not None and ("$" in named or "`" in named):  # `-f "environments/$ENV_NAME/Procfile"`
        _run_locally(ctx, named)
        ctx.unresolved(call.location, f"`{call.program}` reads `{named}`, which is only known at run time",
                       "name the Procfile in the start command (or give the variable a value deploylint can read)")
        return Analysis([ctx.process(call, kind="unknown")])
    path = join(ctx.cwd, named or "Procfile")
    if not ctx.repo.exists(path):
        ctx.missing(call.location, f"`{call.program}` reads {path}, which is not in the repository",
                    "add the Procfile or fix the `-f` path")
        return Analysis()
    ctx.repo.consumed.add(path)  # a Procfile.dev this command runs is not also a target of its own
    _local(ctx).add(path)
    only = set(positional)
    listed = _option(options, _SUBSET)
    if listed is not None:
        only.update(name.strip() for name in listed.split(",") if name.strip())
    formation = _formation(options)
    result = Analysis()
    for entry in procfile.parse(ctx.repo, path):
        if only and entry.name not in only or entry.name == "release":
            continue
        count = formation.get(entry.name, formation.get("all", 1))
        if count == 0:
            continue
        inner = ctx.step(call.location, f"{call.program} starts Procfile `{entry.name}` beside the others",
                         background=True)
        if count > 1:
            written = next((f"{key}={value}" for key, value in formation.items() if key in (entry.name, "all")), "")
            inner = inner.deeper(copies=inner.copies.times(
                Copies(count, f"`{call.program}` formation {written} runs {count} at once", call.location)))
        result.add(inner.deeper().analyse_shell(entry.command.text, entry.command.location))
    return result


def _local(ctx: Context) -> set:
    from ..plan import LOCAL_PROCFILES

    return ctx.repo.memo(LOCAL_PROCFILES, set)


def _run_locally(ctx: Context, named: str) -> None:
    """`honcho -f "environments/$ENV_NAME/Procfile" start`: every Procfile the path can name
    (a variable stands for one path segment) is run by honcho, not by Heroku."""
    import fnmatch
    import re

    from ..formats.names import is_procfile

    pattern = join(ctx.cwd, re.sub(r"\$\{?\w*\}?|`[^`]*`", "*", named[:300]))
    if pattern.count("*") > 5 or not pattern.strip("*/"):
        return
    for path in ctx.repo.named(is_procfile)[:200]:
        if fnmatch.fnmatchcase(path, pattern) and pattern.count("/") == path.count("/"):
            ctx.repo.consumed.add(path)
            _local(ctx).add(path)


def _leading_options(args: list[str]) -> list[str]:
    """`honcho -f Procfile.prod -e .env start`: the options before the subcommand."""
    head: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        take = 2 if args[i] in _VALUED else 1
        head.extend(args[i:i + take])
        i += take
    return head


def _option(args: list[str], names: tuple[str, ...]) -> str | None:
    found = None
    for i, arg in enumerate(args):
        if arg in names and i + 1 < len(args):
            found = args[i + 1]
        elif "=" in arg and arg.split("=", 1)[0] in names and arg.startswith("--"):
            found = arg.split("=", 1)[1]  # `--procfile=Procfile.dev`
    return found


def _formation(args: list[str]) -> dict[str, int]:
    """`-c bot=2,web=1` / `-m all=1,worker=2`: copies per process name (unknown values skipped)."""
    counts: dict[str, int] = {}
    for i, arg in enumerate(args):
        value = args[i + 1] if arg in _FORMATION and i + 1 < len(args) else \
            arg.split("=", 1)[1] if arg.startswith(("--concurrency=", "--formation=")) else None
        if value is None:
            continue
        for part in value.split(",")[:64]:
            name, _, number = part.partition("=")
            number = number.strip()
            if name.strip() and number.isascii() and number.isdigit() and len(number) < 6:
                counts[name.strip()] = min(int(number), MAX_COPIES)
    return counts


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
