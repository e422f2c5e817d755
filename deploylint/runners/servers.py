"""Python web servers and their worker counts: gunicorn, uvicorn, hypercorn, daphne, uwsgi.

Each worker imports the app and runs its start-up hooks, so polling started there
runs once per worker (DPL104). Worker counts come from flags, a gunicorn config file
(read with `ast`, never run) or WEB_CONCURRENCY, which gunicorn and uvicorn read and
Heroku's Python buildpack sets on every dyno.
"""
from __future__ import annotations

import ast

from ..commands import Analysis, Call, Context
from ..model import Copies, Location
from ..repo import join
from .python import module_file

ASSUMED_CPUS = 2  # for `multiprocessing.cpu_count()` in a gunicorn config

_WORKER_FLAGS = {
    "gunicorn": ("-w", "--workers"),
    "uvicorn": ("--workers",),
    "hypercorn": ("-w", "--workers"),
    "uwsgi": ("-p", "--processes", "--workers"),
}
# options whose value is a separate word, so it is not taken for the app
_VALUED = {"-b", "--bind", "-k", "--worker-class", "-c", "--config", "--host", "--port", "--log-level",
           "--timeout", "-t", "--threads", "--chdir", "--app-dir", "--pythonpath", "--env", "-e",
           "--access-logfile", "--error-logfile", "--log-config", "--root-path", "--proxy-headers",
           "--forwarded-allow-ips", "--limit-concurrency", "--backlog", "--keep-alive", "-u", "--user", "-g",
           "--group", "--name", "-n", "--graceful-timeout", "--max-requests", "--max-requests-jitter",
           "--certfile", "--keyfile", "--uds", "--fd", "--ws", "--http", "--loop", "--lifespan",
           "--interface", "-p", "--processes", "--workers", "-w", "--reload-dir", "--env-file",
           "--module", "--wsgi-file", "--http-socket", "--socket", "-s", "--ini", "--callable",
           "--master-fifo", "--worker-connections", "--access-log", "--error-log", "--statsd-host",
           "--log-file", "--capture-output", "-D"}


def expand(call: Call, ctx: Context) -> Analysis:
    server = call.program
    args = list(call.args)
    options = _options(args)
    cwd = ctx.cwd
    for key in ("--chdir", "--app-dir"):
        if key in options:
            cwd = join(cwd, options[key])
    app_text = _app_argument(server, args, options)
    workers = _workers(server, options, ctx, call, cwd)
    preload = "--preload" in args or _config_value(ctx, _config_path(server, options, ctx, cwd), "preload_app") is True
    # uvicorn's and gunicorn's --reload supervisors never import the app and stop the old
    # server before starting the new one; uwsgi's py-autoreload re-imports in place.
    reloader = server not in ("uvicorn", "gunicorn", "hypercorn") and ("--reload" in args or "--py-autoreload" in args)
    if app_text is None:
        return Analysis([ctx.process(call, kind="other", server=server, workers=workers)])
    if app_text.startswith("$"):
        ctx.unresolved(call.location, f"{server} serves an app named by `{app_text}`, known only at run time",
                       "name the app module in the start command")
        return Analysis([ctx.process(call, kind="unknown", server=server, workers=workers)])
    module, _, attr = app_text.partition(":")
    attr = attr.split("(")[0] or "application" if server in ("uwsgi",) else attr.split("(")[0] or "app"
    path = module_file(ctx.deeper(cwd=cwd), module.removesuffix(".py").replace("/", "."), package_main=False)
    if path is None:
        ctx.missing(call.location, f"{server} serves `{app_text}`, but module {module} is not in the repository",
                    "fix the module path, or the working directory (`--chdir`, `cd dir &&`)")
    return Analysis([ctx.process(call, kind="python-app", entry=path, app=attr, server=server, workers=workers,
                                 preload=preload, reloader=reloader and workers.count <= 1, language="python")])


def _options(args: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for i, arg in enumerate(args):
        if arg.startswith("--") and "=" in arg:
            key, value = arg.split("=", 1)
            options[key] = value
        elif arg in _VALUED and i + 1 < len(args):
            options[arg] = args[i + 1]
        elif arg.startswith("-w") and arg[2:].isdigit():
            options["-w"] = arg[2:]
    return options


def _app_argument(server: str, args: list[str], options: dict[str, str]) -> str | None:
    if server == "uwsgi":
        if "--module" in options:
            return options["--module"]
        if "--wsgi-file" in options:
            return options["--wsgi-file"].removesuffix(".py").replace("/", ".")
        return None
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in _VALUED:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg
    return None


def _workers(server: str, options: dict[str, str], ctx: Context, call: Call, cwd: str) -> Copies:
    for flag in _WORKER_FLAGS.get(server, ()):
        if flag in options:
            value = options[flag]
            if value.isdigit():
                return Copies(int(value), f"{flag} {value}", call.location)
            return _from_environment(ctx, value.strip("${}"), call, f"{flag} {value}")
    if server == "gunicorn":
        config = _config_path(server, options, ctx, cwd)
        value = _config_value(ctx, config, "workers")
        if isinstance(value, Copies):
            return value
    if server in ("gunicorn", "uvicorn"):
        return _from_environment(ctx, "WEB_CONCURRENCY", call, "")
    return Copies()


def _from_environment(ctx: Context, name: str, call: Call, written: str) -> Copies:
    value = ctx.env.get(name)
    if value is not None and value.isdigit():
        if ctx.platform == "heroku" and name == "WEB_CONCURRENCY":
            return Copies(int(value), "WEB_CONCURRENCY, which Heroku's Python buildpack sets (at least 2) on every dyno",
                          call.location, assumed=True)
        return Copies(int(value), f"{name}={value}", call.location)
    if written:
        ctx.unresolved(call.location, f"worker count `{written}` comes from the environment; assumed 1",
                       f"set {name} explicitly in the deployment config so the worker count can be checked")
    return Copies()


def _config_path(server: str, options: dict[str, str], ctx: Context, cwd: str) -> str | None:
    if server != "gunicorn":
        return None
    for key in ("-c", "--config"):
        if key in options:
            value = options[key]
            if value.startswith("python:"):
                return module_file(ctx.deeper(cwd=cwd), value[7:], package_main=False)
            return join(cwd, value.removeprefix("file:"))
    default = join(cwd, "gunicorn.conf.py")
    return default if ctx.repo.exists(default) else None


def _config_value(ctx: Context, path: str | None, name: str):
    """`workers = ...` or `preload_app = ...` from a gunicorn config, read with ast."""
    if not path or not ctx.repo.exists(path):
        return None
    values = ctx.repo.memo(("gunicorn-config", path), lambda: _read_config(ctx, path))
    return (values or {}).get(name)


def _read_config(ctx: Context, path: str) -> dict:
    text = ctx.repo.read_text(path)
    if text is None:
        return {}
    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        ctx.repo.problem("DPL001", Location(path, error.lineno or 1, error.offset or 1),
                         f"invalid Python in gunicorn config: {error.msg}", "fix the syntax error")
        return {}
    values: dict = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            where = Location(path, node.lineno, node.col_offset + 1, node.end_lineno or 0, (node.end_col_offset or 0) + 1)
            if name == "workers":
                values["workers"] = _workers_expression(node.value, where, ctx)
            elif name == "preload_app" and isinstance(node.value, ast.Constant):
                values["preload_app"] = bool(node.value.value)
    return values


def _workers_expression(node: ast.expr, where: Location, ctx: Context) -> Copies:
    source = ast.unparse(node)
    value = _evaluate(node, ctx)
    if value is None:
        ctx.repo.problem("DPL004", where, f"gunicorn `workers = {source}` cannot be evaluated statically; assumed 1",
                         "use a number, or WEB_CONCURRENCY set in the deployment config")
        return Copies()
    assumed = "cpu_count" in source or "environ" in source or "getenv" in source
    reason = f"gunicorn config `workers = {source}`" + (f" (= {value} with {ASSUMED_CPUS} CPUs assumed)" if "cpu_count" in source else "")
    return Copies(max(int(value), 1), reason, where, assumed=assumed)


def _evaluate(node: ast.expr, ctx: Context):
    """A tiny evaluator for worker expressions: numbers, + - * //, cpu_count(), int(getenv(X, d))."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isdigit():
        return int(node.value)
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, ctx), _evaluate(node.right, ctx)
        if left is None or right is None:
            return None
        operations = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
                      ast.FloorDiv: lambda a, b: a // b if b else None, ast.Div: lambda a, b: a / b if b else None}
        operation = operations.get(type(node.op))
        return operation(left, right) if operation else None
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        if name.endswith("cpu_count"):
            return ASSUMED_CPUS
        if name in ("int", "max", "min") and node.args:
            values = [_evaluate(a, ctx) for a in node.args]
            if None in values:
                return None
            return {"int": lambda v: int(v[0]), "max": max, "min": min}[name](values)
        if name.endswith(("getenv", "environ.get")) and node.args:
            key = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
            if key in ctx.env and str(ctx.env[key]).isdigit():
                return int(ctx.env[key])
            return _evaluate(node.args[1], ctx) if len(node.args) > 1 else None
    return None
