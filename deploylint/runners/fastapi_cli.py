"""`fastapi run [PATH]` and `fastapi dev [PATH]` (the FastAPI CLI, fastapi-cli).

The CLI imports PATH (a file, or a package directory's __init__.py; without PATH the
first of main.py, app.py, api.py, app/main.py, app/app.py, app/api.py) and serves its
app with uvicorn: `--app NAME` names the object (else `app`). `run` starts `--workers N`
worker processes (1 when not given: the CLI passes no count, so uvicorn's
WEB_CONCURRENCY default does not apply); `dev` serves one process under uvicorn's
reloader, whose supervisor never imports the app; `run --reload` too (the reloader wins over
`--workers`). `--entrypoint/-e pkg.module:app` names the module and the object.
Source: fastapi-cli `src/fastapi_cli/cli.py` (`run`/`dev` pass `workers` to `uvicorn.run`;
only `--port` reads an environment variable).
"""
from __future__ import annotations

from .options import parse
from ..commands import Analysis, Call, Context
from ..model import Copies
from ..repo import join
from ..safe import to_int

_DEFAULTS = ("main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py")
_VALUED = {"--host", "--port", "--app", "--workers", "--root-path", "--proxy-headers", "--forwarded-allow-ips",
           "--entrypoint", "-e"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    command = args[0] if args else ""
    if command not in ("run", "dev"):
        return Analysis([ctx.process(call, kind="other", long_running=False)])  # --help, --version
    options, operands = parse(args, _VALUED, start=1)
    workers = Copies()
    reload = "--reload" in args[1:] and "--no-reload" not in args[1:]
    if command == "run" and "--workers" in options and not reload:  # uvicorn's reloader wins over workers
        number = to_int(options["--workers"], digits=6)
        if number is not None and number >= 1:
            workers = Copies(number, f"--workers {options['--workers']}", call.location)
    entrypoint = options.get("--entrypoint") or options.get("-e")
    if entrypoint and ":" in entrypoint and not entrypoint.startswith("$"):
        from .python import module_file

        module, _, attr = entrypoint.partition(":")
        path = module_file(ctx, module, package_main=False)
        if path is None:
            ctx.missing(call.location, f"`fastapi {command} --entrypoint {entrypoint}`: module {module} is not in the repository",
                        "fix the import string, or the working directory (`cd dir &&`)")
            return Analysis([ctx.process(call, kind="other", server="uvicorn", workers=workers)])
        return Analysis([ctx.process(call, kind="python-app", entry=path, app=attr or "app",
                                     server="uvicorn", workers=workers, language="python")])
    path = _entry(ctx, operands[0] if operands else None)
    if path is None:
        if operands and not operands[0].startswith("$"):
            ctx.missing(call.location, f"`fastapi {command}` serves `{operands[0]}`, which is not in the repository",
                        "fix the path, or the working directory (`cd dir &&`)")
        return Analysis([ctx.process(call, kind="other", server="uvicorn", workers=workers)])
    return Analysis([ctx.process(call, kind="python-app", entry=path, app=options.get("--app") or "app",
                                 server="uvicorn", workers=workers, language="python")])


def _entry(ctx: Context, operand: str | None) -> str | None:
    candidates = [operand] if operand else list(_DEFAULTS)
    for candidate in candidates:
        if candidate.startswith("$"):
            return None
        path = join(ctx.cwd, candidate)
        if ctx.repo.exists(path) and path.endswith(".py"):
            return path
        if ctx.repo.exists(join(path, "__init__.py")):
            return join(path, "__init__.py")
    return None
