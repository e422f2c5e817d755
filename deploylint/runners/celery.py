"""`celery -A proj worker|beat|flower ...`: which app module the process imports, which
sub-command it runs, and how many worker children a worker forks (`--concurrency`).

The singleton evidence (beat, the app's import-time code, task bodies) is
code/celery.py's business.
"""
from __future__ import annotations

from .options import parse
from ..commands import Analysis, Call, Context
from ..model import Copies
from ..repo import join
from ..safe import to_int
from .python import module_file

ASSUMED_CPUS = 2  # celery's default concurrency is the number of CPUs
_GLOBAL_VALUED = {"-A", "--app", "-b", "--broker", "--result-backend", "--loader", "--config", "--workdir",
                  "-C", "--skip-checks"}
_VALUED = {"-c", "--concurrency", "-P", "--pool", "-l", "--loglevel", "-Q", "--queues", "-n", "--hostname",
           "-s", "--schedule", "-S", "--scheduler", "--autoscale", "-E", "--pidfile", "--logfile", "-f",
           "--max-tasks-per-child", "--max-memory-per-child", "-O", "--prefetch-multiplier", "-X",
           "--exclude-queues", "--statedb", "-D", "--time-limit", "--soft-time-limit", "--uid", "--gid",
           "--max-interval", "--port", "--address", "--basic-auth", "--broker-api", "--url-prefix",
           "-I", "--include", *_GLOBAL_VALUED}
_VALUED -= {"-E", "-D", "-C", "--skip-checks"}  # flags without a value
LONG_RUNNING = {"worker", "beat", "flower", "events", "multi"}


def expand(call: Call, ctx: Context) -> Analysis:
    args = list(call.args)
    options, words = parse(args, _VALUED, glued={"-A": bool, "-c": str.isdigit})
    command = words[0] if words else ""
    cwd = join(ctx.cwd, options["--workdir"]) if "--workdir" in options else ctx.cwd
    app_text = options.get("-A") or options.get("--app") or ""
    entry, attr = _app_module(app_text, ctx.deeper(cwd=cwd)) if app_text and not app_text.startswith("$") else (None, None)
    if app_text and entry is None and not app_text.startswith("$"):
        top = app_text.split(":")[0].split(".")[0]
        if ctx.repo.is_dir(join(cwd, top)) or ctx.repo.exists(join(cwd, top + ".py")):
            ctx.missing(call.location, f"`celery -A {app_text}`: module {app_text.split(':')[0]} is not in the repository",
                        "fix the app module path or the working directory (`--workdir`, `cd dir &&`)")
    workers = _concurrency(options, call) if command == "worker" else Copies()
    return Analysis([ctx.process(call, kind="celery", entry=entry, app=attr, workers=workers, language="python",
                                 long_running=command in LONG_RUNNING or not command, cwd=cwd)])


def _app_module(text: str, ctx: Context) -> tuple[str | None, str | None]:
    """celery's find_app: `proj` (its `app`/`celery` attribute, else `proj.celery`, also
    for a namespace package `proj/` without `__init__.py`),
    `proj.celery`, `proj.celery:app`, `proj.app` (module `proj`, attribute `app`)."""
    module, _, attr = text.partition(":")
    module = module.removesuffix(".py").replace("/", ".")
    path = module_file(ctx, module, package_main=False)
    if path is not None and path.endswith("__init__.py") and not attr:
        inner = module_file(ctx, f"{module}.celery", package_main=False)
        text_of = ctx.repo.read_text(path) or ""
        if inner is not None and "Celery(" not in text_of:
            return inner, None
    if path is None and not attr and "." in module:
        # `-A celery_app.celery`: no module of that name, so celery imports `celery_app`
        # and takes its `celery` attribute (celery.utils.imports.symbol_by_name)
        parent, _, name = module.rpartition(".")
        outer = module_file(ctx, parent, package_main=False)
        if outer is not None and _binds(ctx, outer, name):
            return outer, name
    if path is None and not attr:
        # a namespace package (a directory without `__init__.py`): celery imports it, finds no
        # app attribute and, as for any package, imports its `celery` submodule (find_app)
        inner = module_file(ctx, f"{module}.celery", package_main=False)
        if inner is not None:
            return inner, None
    return path, attr or None


def _binds(ctx: Context, path: str, name: str) -> bool:
    """Whether the module at `path` binds `name` (assignment, def, class or import)."""
    from ..code.python_module import load

    module = load(ctx.repo, path)
    return module is not None and (bool(module.values(name)) or name in module.bindings or name in module.defs)


def _concurrency(options: dict[str, str], call: Call) -> Copies:
    pool = options.get("-P") or options.get("--pool") or ""
    if pool == "solo":
        return Copies(1, "`--pool solo`: tasks run in the worker process itself", call.location)
    value = options.get("-c") or options.get("--concurrency")
    number = to_int(value, digits=5) if value is not None and value.isdigit() else None
    if number is not None:
        return Copies(max(number, 1), f"`--concurrency {value}`", call.location)
    autoscale = options.get("--autoscale", "")
    top = to_int(autoscale.split(",")[0], digits=5) if autoscale.split(",")[0].isdigit() else None
    if top is not None:
        top = max(top, 1)
        return Copies(top, f"`--autoscale {autoscale}`: up to {top} worker children", call.location)
    return Copies(ASSUMED_CPUS, f"celery's default concurrency, one worker child per CPU ({ASSUMED_CPUS} assumed)",
                  call.location, assumed=True)
