"""`dramatiq broker_module [module ...] -p N`: dramatiq's worker command (also
`python -m dramatiq`). The parent process forks N worker processes (`-p/--processes`,
default: the number of CPUs) and every worker process imports the broker module and the
task modules itself (dramatiq docs, "Worker"; dramatiq/cli.py `worker_process`), so code
that runs at import time (a scheduler started at module level, a bot started beside the
actors) runs once per worker process. Actor bodies run when a message arrives, not at start.
"""
from __future__ import annotations


from ..commands import Analysis, Call, Context
from ..model import Copies, StartHook, Step
from ..repo import join
from ..safe import to_int
from .python import module_file
from ..patterns import lazy_re

ASSUMED_CPUS = 2  # dramatiq's default --processes is the number of CPUs
_VALUED = frozenset({"-p", "--processes", "-t", "--threads", "-P", "--path", "--pid-file", "--log-file",
                     "-f", "--fork-function", "--worker-shutdown-timeout", "--watch", "--watch-include",
                     "--watch-exclude"})
_QUEUES = frozenset({"-Q", "--queues"})  # nargs="*": takes every word up to the next option
_ONE_SHOT = frozenset({"-h", "--help", "--version", "-V"})


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)[:64]
    if any(a in _ONE_SHOT for a in args):
        return Analysis([ctx.process(call, kind="other", language="python", long_running=False)])
    options, modules = _parse(args)
    paths = [join(ctx.cwd, p) for p in options.get("paths", [])] if options.get("paths") else []
    located: list[str] = []
    for spec in modules[:8]:
        module = spec.split(":", 1)[0].removesuffix(".py").replace("/", ".")
        if not module or module.startswith("$"):
            continue
        path = None
        for base in paths:
            path = path or module_file(ctx.deeper(cwd=base), module, package_main=False)
        path = path or module_file(ctx, module, package_main=False)
        if path is not None:
            located.append(path)
    if not located:
        return Analysis([ctx.process(call, kind="other", language="python")])
    workers = _processes(options, call, ctx.env)
    hooks = tuple(StartHook(path, "", True, Step(call.location, f"every dramatiq worker process imports {path}"),
                            f"when a dramatiq worker process imports {path}") for path in located[1:])
    return Analysis([ctx.process(call, kind="python-app", entry=located[0], server="dramatiq", workers=workers,
                                 preload=False, hooks=hooks, language="python")])


def _parse(args: list[str]) -> tuple[dict, list[str]]:
    options: dict = {}
    operands: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        key, eq, value = arg.partition("=")
        if arg.startswith("--") and eq:
            _set(options, key, value)
        elif arg in _QUEUES:
            while i + 1 < len(args) and not args[i + 1].startswith("-"):
                i += 1
        elif arg in _VALUED and i + 1 < len(args):
            _set(options, arg, args[i + 1])
            i += 1
        elif arg[:2] in ("-p", "-t") and arg[2:].isdigit():
            _set(options, arg[:2], arg[2:])
        elif not arg.startswith("-"):
            operands.append(arg)
        i += 1
    return options, operands


def _set(options: dict, key: str, value: str) -> None:
    if key in ("-P", "--path"):
        options.setdefault("paths", []).append(value)
    else:
        options.setdefault({"--processes": "-p", "--threads": "-t"}.get(key, key), value)


def _processes(options: dict, call: Call, env=None) -> Copies:
    value = str(options.get("-p", "")).strip()
    number = to_int(value, digits=5) if value.isdigit() else None
    if number is not None:
        return Copies(max(number, 1), f"`--processes {value}`: dramatiq worker processes", call.location)
    match = _VARIABLE.fullmatch(value)
    if match:  # `--processes=${WORKERS:-1}`: the deployment's value, else the written default
        name, default = match.group(1) or match.group(3), match.group(2)
        set_to = str((env or {}).get(name, "")).strip()
        if set_to.isdigit() and to_int(set_to, digits=5) is not None:
            return Copies(max(to_int(set_to, digits=5) or 1, 1), f"`--processes {value}` with {name}={set_to}",
                          call.location)
        if default is not None and default.isdigit() and to_int(default, digits=5) is not None:
            return Copies(max(to_int(default, digits=5) or 1, 1),
                          f"`--processes {value}`: {name} is not set in the deployment config", call.location,
                          assumed=True)
    if value:
        return Copies(ASSUMED_CPUS, f"`--processes {value}` is only known at run time ({ASSUMED_CPUS} assumed)",
                      call.location, assumed=True)
    return Copies(ASSUMED_CPUS, f"dramatiq's default, one worker process per CPU ({ASSUMED_CPUS} assumed)",
                  call.location, assumed=True)


_VARIABLE = lazy_re(r"\$\{(\w+)(?::?-(\w*))?\}|\$(\w+)")
