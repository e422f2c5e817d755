"""Python file-watchers that run a program and restart it on changes: the program they
run is the process (one child at a time, so a singleton in it is one copy).

- `watchmedo auto-restart [options] [--] command args...` (watchdog)
- `hupper -m module args...` (the module runs in a worker child, like `python -m`)
- `watchfiles [options] "command args" [paths...]`: a target with a space is a command;
  a dotted name (`pkg.main`) is a function the child calls
"""
from __future__ import annotations

import shlex

from ..commands import Analysis, Call, Context

# watchmedo auto-restart options that take a value (separately; `--x=v` carries its own)
_WATCHMEDO_VALUED = {"-d", "--directory", "-p", "--pattern", "--patterns", "-i", "--ignore-pattern",
                     "--ignore-patterns", "--signal", "--kill-after", "--debounce-interval", "--interval",
                     "--restart-on-command-exit"}
_WATCHFILES_VALUED = {"--target-type", "--filter", "--ignore-paths", "--sigint-timeout", "--sigkill-timeout",
                      "--grace-period", "--args"}


def expand(call: Call, ctx: Context) -> Analysis:
    if call.program == "watchmedo":
        return _watchmedo(call, ctx)
    if call.program == "hupper":
        return _hupper(call, ctx)
    return _watchfiles(call, ctx)


def _other(call: Call, ctx: Context) -> Analysis:
    return Analysis([ctx.process(call, kind="other", long_running=False)])


def _inner(call: Call, ctx: Context, index: int) -> Analysis:
    from ..commands import run_call

    inner = call.shifted(index)
    return run_call(inner, ctx.deeper()) if inner.argv else Analysis()


def _watchmedo(call: Call, ctx: Context) -> Analysis:
    args = call.argv[1:]
    if args[:1] not in (("auto-restart",), ["auto-restart"]):
        return _other(call, ctx)  # `watchmedo log`, `watchmedo shell-command`: no program of ours
    index = 2
    while index < len(call.argv):
        word = call.argv[index]
        if word == "--":
            index += 1
            break
        if word in _WATCHMEDO_VALUED:
            index += 2
        elif word.startswith("-"):
            index += 1
        else:
            break
    return _inner(call, ctx, index)


def _hupper(call: Call, ctx: Context) -> Analysis:
    index = 1
    while index < len(call.argv):
        word = call.argv[index]
        if word == "-m" and index + 1 < len(call.argv):
            from ..commands import run_call

            inner = Call(("python", "-m", *call.argv[index + 1:]), call.at(index), call.background, call.env,
                         (call.at(index), call.at(index), *call.arg_locations[index + 1:]))
            return run_call(inner, ctx.deeper())
        if word in ("-w", "--watch", "-x", "--ignore", "--shutdown-interval", "--reload-interval"):
            index += 2
        else:
            index += 1
    return _other(call, ctx)


def _watchfiles(call: Call, ctx: Context) -> Analysis:
    index = 1
    target_type = "auto"
    while index < len(call.argv):
        word = call.argv[index]
        if word in _WATCHFILES_VALUED:
            if word == "--target-type" and index + 1 < len(call.argv):
                target_type = call.argv[index + 1]
            index += 2
        elif word.startswith("--target-type="):
            target_type = word.split("=", 1)[1]
            index += 1
        elif word.startswith("-"):
            index += 1
        else:
            break
    if index >= len(call.argv):
        return _other(call, ctx)
    target = call.argv[index]
    if target_type == "function" or (target_type == "auto" and " " not in target.strip()
                                     and not target.endswith(".py")):
        return _function(call, ctx, target, index)
    try:
        words = tuple(shlex.split(target))[:64]
    except ValueError:
        return _other(call, ctx)
    if not words:
        return _other(call, ctx)
    from ..commands import run_call

    inner = Call(words, call.at(index), call.background, call.env, tuple(call.at(index) for _ in words))
    return run_call(inner, ctx.deeper())


def _function(call: Call, ctx: Context, target: str, index: int) -> Analysis:
    """`watchfiles pkg.main`: the child imports pkg and calls main (like a console script)."""
    module, _, function = target.rpartition(".")
    if not module or not function.isidentifier():
        return _other(call, ctx)
    from .python import module_file

    path = module_file(ctx, module, package_main=False)
    if path is None:
        return _other(call, ctx)
    return Analysis([ctx.process(call, kind="python-console", entry=path, app=function, language="python")])
