"""`sanic server:app` (the Sanic CLI).

The CLI imports `module:app` (also `module.app`, or `module:create_app --factory`) and
serves it with Sanic's worker manager: `--workers N`/`-w N` worker processes (1 by
default), one per CPU with `--fast` (2 assumed), one with `--single-process`. Each worker
runs the app's `before_server_start`/`after_server_start` listeners; the
`main_process_start`/`main_process_ready` listeners run once, in the manager
(code/python_hooks). `--dev`/`--reload` serves one worker under the reloader.
Source: Sanic docs "Running Sanic" (CLI) and "Worker Manager".
"""
from __future__ import annotations

from .options import parse
from ..commands import Analysis, Call, Context
from ..model import Copies
from ..safe import to_int

_VALUED = {"--host", "-H", "--port", "-p", "--unix", "-u", "--workers", "-w", "--cert", "--key", "--tls",
           "--tls-strict-host", "--reload-dir", "-R", "--dir", "--auto-tls", "--coffee", "--no-coffee",
           "--motd-display", "--loop"}
_INFO = {"--help", "-h", "--version", "-v", "inspect", "exec"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    if not args or any(a in _INFO for a in args[:1]):
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    options, operands = parse(args, _VALUED, glued={"-w": str.isdigit})
    target = operands[0] if operands else ""
    workers = _workers(args, options, call)
    if not target or target.startswith("$") or "/" in target and not target.endswith(".py"):
        return Analysis([ctx.process(call, kind="other", server="sanic", workers=workers)])
    module, attr = _split(target)
    from .python import module_file

    path = module_file(ctx, module, package_main=False)
    if path is None:
        ctx.missing(call.location, f"sanic serves `{target}`, but module {module} is not in the repository",
                    "fix the import path, or the working directory (`cd dir &&`)")
        return Analysis([ctx.process(call, kind="other", server="sanic", workers=workers)])
    return Analysis([ctx.process(call, kind="python-app", entry=path, app=attr, server="sanic", workers=workers,
                                 language="python")])


def _split(target: str) -> tuple[str, str]:
    target = target.removesuffix(".py") if ":" not in target else target
    if ":" in target:
        module, _, attr = target.partition(":")
    elif "." in target:
        module, _, attr = target.rpartition(".")
    else:
        module, attr = target, "app"
    return module.replace("/", "."), attr.split("(")[0] or "app"


def _workers(args: list[str], options: dict[str, str], call: Call) -> Copies:
    if "--single-process" in args or any(a in ("--dev", "-d", "--reload", "-r", "--debug") for a in args):
        return Copies()
    value = options.get("--workers") or options.get("-w")
    if value is not None:
        number = to_int(value, digits=6)
        if number is not None and number >= 1:
            return Copies(min(number, 1024), f"--workers {value}", call.location)
        return Copies()
    if "--fast" in args:
        return Copies(2, "--fast (one worker per CPU, 2 assumed)", call.location, assumed=True)
    return Copies()
