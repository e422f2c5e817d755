"""Python web servers and their worker counts: gunicorn, uvicorn, hypercorn, daphne, uwsgi.

Each worker imports the app and runs its start-up hooks, so polling started there
runs once per worker (DPL104). Worker counts come from flags, a gunicorn config file
(read with `ast`, never run) or WEB_CONCURRENCY, which gunicorn and uvicorn read and
Heroku's Python buildpack sets on every dyno.
"""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..model import Copies
from ..repo import join
from ..safe import to_int
from .python import module_file

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
    extra = _environment_args(server, call, ctx)
    options = {**_options(extra), **_options(args)}
    cwd = ctx.cwd
    for key in ("--chdir", "--app-dir"):
        if key in options:
            cwd = join(cwd, options[key])
    config = _config(server, options, ctx, cwd)
    app_text = _app_argument(server, args, options) or (config.text("wsgi_app") if config else None)
    workers = _workers(server, options, ctx, call, cwd, config, from_env=_options(extra).keys() - _options(args).keys())
    preload = "--preload" in args or "--preload" in extra or bool(config and config.flag("preload_app"))
    hooks = config.hook_starts() if config else ()
    # uvicorn's and gunicorn's --reload supervisors never import the app and stop the old
    # server before starting the new one; uwsgi's py-autoreload re-imports in place.
    reloader = server not in ("uvicorn", "gunicorn", "hypercorn") and ("--reload" in args or "--py-autoreload" in args)
    if app_text is None:
        return Analysis([ctx.process(call, kind="other", server=server, workers=workers, hooks=hooks)])
    if app_text.startswith("$"):
        ctx.unresolved(call.location, f"{server} serves an app named by `{app_text}`, known only at run time",
                       "name the app module in the start command")
        return Analysis([ctx.process(call, kind="unknown", server=server, workers=workers)])
    module, _, attr = app_text.partition(":")
    # `gunicorn proj.wsgi` and uwsgi serve the module's `application` (gunicorn.util.import_app)
    attr = attr.split("(")[0] or "application" if server in ("uwsgi", "gunicorn") else attr.split("(")[0] or "app"
    dotted = module.removesuffix(".py").replace("/", ".")
    path = module_file(ctx.deeper(cwd=cwd), dotted, package_main=False)
    for extra in _python_paths(server, options, config) if path is None else ():
        path = module_file(ctx.deeper(cwd=join(cwd, extra)), dotted, package_main=False)
        if path is not None:
            break
    if path is None:
        ctx.missing(call.location, f"{server} serves `{app_text}`, but module {module} is not in the repository",
                    "fix the module path, or the working directory (`--chdir`, `cd dir &&`)")
    return Analysis([ctx.process(call, kind="python-app", entry=path, app=attr, server=server, workers=workers,
                                 preload=preload, reloader=reloader and workers.count <= 1, language="python",
                                 hooks=hooks)])


def _python_paths(server: str, options: dict[str, str], config) -> list[str]:
    """gunicorn's `--pythonpath a,b` (or `pythonpath = "a,b"` in its config): directories put
    on sys.path, where the app module is also looked up. Relative ones only (an absolute path
    names the image, not the repository)."""
    if server != "gunicorn":
        return []
    written = [options.get("--pythonpath") or "", (config.text("pythonpath") if config else None) or ""]
    dirs = [d.strip() for text in written for d in text.split(",")[:20]]
    return [d for d in dirs if d and not d.startswith(("/", "$", "~"))]


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
    positional = []
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in _VALUED:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        positional.append(arg)
    # `gunicorn --bind :$PORT $EXTRAS mcweb.wsgi`: an unresolved word before a written app
    # is options (or nothing) at run time, the written word is the app
    written = [a for a in positional if not a.startswith("$")]
    if positional and positional[0].startswith("$") and written:
        return written[0]
    return positional[0] if positional else None


def _workers(server: str, options: dict[str, str], ctx: Context, call: Call, cwd: str, config,
             from_env=frozenset()) -> Copies:
    for flag in _WORKER_FLAGS.get(server, ()):
        if flag in options:
            value = options[flag]
            number = to_int(value, digits=6)
            if number is not None and number >= 0 and value.strip().isdigit():
                written = f"GUNICORN_CMD_ARGS `{flag}={value}`" if flag in from_env else f"{flag} {value}"
                return Copies(number, written, call.location)
            return _from_environment(ctx, value.strip("${}"), call, f"{flag} {value}")
    if config is not None and "workers" in config.settings:
        value = config.workers()
        if value is not None:
            return value
        setting = config.settings["workers"]
        ctx.repo.problem("DPL004", setting.location,
                         f"gunicorn `workers = {setting.source}` cannot be evaluated statically; assumed 1",
                         "use a number, or WEB_CONCURRENCY set in the deployment config")
        return Copies()
    if server in ("gunicorn", "uvicorn"):
        return _from_environment(ctx, "WEB_CONCURRENCY", call, "")
    return Copies()


def _from_environment(ctx: Context, name: str, call: Call, written: str) -> Copies:
    value = ctx.env.get(name)
    number = to_int(value, digits=6) if isinstance(value, str) and value.strip().isdigit() else None
    if number is not None:  # '²' and 5000 digits pass str.isdigit() but are no worker count
        if ctx.platform == "heroku" and name == "WEB_CONCURRENCY":
            return Copies(number, "WEB_CONCURRENCY, which Heroku's Python buildpack sets (at least 2) on every dyno",
                          call.location, assumed=True)
        return Copies(number, f"{name}={value}", call.location)
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


def _config(server: str, options: dict[str, str], ctx: Context, cwd: str):
    """The gunicorn config file the server reads, evaluated with `ast` (or None)."""
    path = _config_path(server, options, ctx, cwd)
    if not path or not ctx.repo.exists(path):
        return None
    from .gunicorn_config import read

    return read(ctx.repo, path, ctx.env)


def _environment_args(server: str, call: Call, ctx: Context) -> list[str]:
    """GUNICORN_CMD_ARGS: more command-line options, overridden by the real command line."""
    if server != "gunicorn":
        return []
    text = call.env.get("GUNICORN_CMD_ARGS") or ctx.env.get("GUNICORN_CMD_ARGS")
    if not text or len(text) > 4000:
        return []
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return []
