"""`python script.py`, `python -m pkg`, `uv run`/`poetry run`, `flask run` (`celery`: runners/celery.py)."""
from __future__ import annotations

from ..commands import Analysis, Call, Context
from ..record import replace
from ..repo import join

# interpreter options that take a value
_OPTIONS_WITH_VALUE = {"-W", "-X", "-Q", "--check-hash-based-pycs"}
# `python -m <tool>` that another runner understands
_TOOL_MODULES = {"gunicorn", "uvicorn", "hypercorn", "daphne", "celery", "flask", "honcho", "waitress", "fastapi",
                 "dramatiq"}


def expand(call: Call, ctx: Context) -> Analysis:
    program = call.program
    if program in ("uv", "poetry", "pipenv"):
        return _tool_run(call, ctx)
    if program == "flask":
        return _flask(call, ctx)
    if program.endswith(".py"):  # ./bot.py with a shebang
        return _script(call, ctx, call.argv[0])
    return _interpreter(call, ctx)


def _interpreter(call: Call, ctx: Context) -> Analysis:
    args = call.args
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "-m" and i + 1 < len(args):
            return _module(call, ctx, args[i + 1], i + 2)
        if arg.startswith("-m") and len(arg) > 2:
            return _module(call, ctx, arg[2:], i + 2)
        if arg == "-c" or (arg.startswith("-") and not arg.startswith("--") and arg.endswith("c") and len(arg) > 1 and arg[1:].isalpha()):
            from .python_inline import inline_process  # `python -c "from bot import main; main()"`

            return Analysis([inline_process(call, ctx, args[i + 1] if i + 1 < len(args) else "")])
        if arg == "-":  # `python3 - "$url" <<'PY'`: the program is read from stdin (a heredoc), not a file
            return Analysis([ctx.process(call, kind="other", language="python", long_running=False)])
        if arg in _OPTIONS_WITH_VALUE:
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return _script(call, ctx, arg, i + 1)
    return Analysis([ctx.process(call, kind="other", long_running=False)])  # a REPL or --version


def _script(call: Call, ctx: Context, path_text: str, index: int = 0) -> Analysis:
    mapped = ctx.in_image(path_text) if path_text.startswith("/") else None
    if mapped is None and path_text.startswith("/"):
        from ..formats.platform_common import checkout_path  # `/home/me/bot/main.py`: the checkout on the host

        mapped = checkout_path(ctx.repo, ctx.cwd, ctx.platform, path_text)
    path = mapped if mapped is not None else join(ctx.cwd, path_text)
    if path_text.startswith("$"):
        ctx.unresolved(call.at(index), f"`{' '.join(call.argv)}` runs a script named by a variable",
                       "name the script in the start command so it can be checked")
        return Analysis([ctx.process(call, kind="unknown", language="python")])
    if not ctx.repo.exists(path) and ctx.repo.is_dir(path):
        # `python3 mybot` runs the directory's __main__.py (with the directory first on sys.path)
        main = join(path, "__main__.py")
        if ctx.repo.exists(main):
            return script_process(call, ctx, main)
        ctx.missing(call.at(index), f"{ctx.label or 'start command'} runs the directory `{path_text}`, which has no "
                    f"__main__.py, so Python exits at once (can't find '__main__' module)",
                    "run a script in it (`python dir/bot.py`), or `python -m package` for a package")
        return Analysis([ctx.process(call, kind="python-script", language="python", long_running=False)])
    if not ctx.repo.exists(path):
        tool = _installed_tool(path_text)
        if tool is not None:  # `python /app/.heroku/python/bin/celery -A proj worker`
            from ..commands import run_call

            inner = Call((tool, *call.argv[index + 1:]), call.at(index), call.background, call.env,
                         call.arg_locations[index:])
            return run_call(inner, ctx)
        if path_text.startswith("/"):
            ctx.unresolved(call.at(index), f"`{path_text}` is an absolute path outside the scanned files",
                           "use a path relative to the working directory")
            return Analysis([ctx.process(call, kind="unknown", language="python")])
        ctx.missing(call.at(index), f"{ctx.label or 'start command'} runs `{path_text}`, which is not in the repository (looked for {path})",
                    "fix the path or the working directory (`cd dir && ...`), or commit the file")
        return Analysis([ctx.process(call, kind="python-script", language="python")])
    if len(call.argv) > index + 1:  # `python manage.py run` of a click/Typer group (Django's manage.py is no group)
        chosen = _with_subcommand(call, ctx, path, list(call.argv[index + 1:]), kind="python-script")
        if chosen is not None:
            return chosen
    return script_process(call, ctx, path)


# console scripts of Python tools that another runner understands, run by path from an
# environment's bin directory (`python .venv/bin/gunicorn`, `python /usr/local/bin/celery`)
_BIN_TOOLS = frozenset({"gunicorn", "uvicorn", "hypercorn", "daphne", "celery", "flask", "huey_consumer",
                        "huey_consumer.py", "periodiq", "waitress-serve", "honcho"})


def _installed_tool(path_text: str) -> str | None:
    directory, _, name = path_text.rpartition("/")
    if name in _BIN_TOOLS and (directory == "bin" or directory.endswith("/bin")):
        return name
    return None


# Django's own management commands that do their work and exit. Django still loads every
# INSTALLED_APPS AppConfig.ready() first, so a bot started there runs only for the seconds
# the command takes: the process is a one-shot, not a copy of the bot beside the server.
_DJANGO_ONE_SHOT = frozenset({
    "migrate", "makemigrations", "collectstatic", "check", "compilemessages", "makemessages",
    "createsuperuser", "createcachetable", "loaddata", "dumpdata", "flush", "showmigrations",
    "sqlmigrate", "sqlflush", "sqlsequencereset", "squashmigrations", "clearsessions",
    "diffsettings", "changepassword", "inspectdb", "optimizemigration", "sendtestemail",
    "remove_stale_contenttypes", "compress", "test"})


def django_command(argv: tuple[str, ...]) -> str:
    """`migrate` in `python manage.py migrate --noinput`, "" when there is none."""
    after = next((i for i, a in enumerate(argv) if a.rsplit("/", 1)[-1] == "manage.py"), None)
    if after is None:
        return ""
    return next((a for a in argv[after + 1:] if not a.startswith("-")), "")


def script_process(call: Call, ctx: Context, path: str) -> Analysis:
    command = django_command(call.argv) if path.rsplit("/", 1)[-1] == "manage.py" else ""
    # `manage.py runserver` autoreloads unless --noreload: Django sets the apps up (and
    # calls every AppConfig.ready) in the reloader process and again in the server child
    reloader = command == "runserver" and "--noreload" not in call.argv
    long_running = command not in _DJANGO_ONE_SHOT
    if long_running and command:
        from .django_commands import returns  # the project's own `create_admin`: does its work, exits

        long_running = not returns(ctx.repo, command)
    return Analysis([ctx.process(call, kind="python-script", entry=path, language="python",
                                 long_running=long_running, reloader=reloader)])


def module_file(ctx: Context, module: str, *, package_main: bool = True) -> str | None:
    """The repo file for a dotted module name, searched from the cwd then the root."""
    parts = module.split(".")
    for base in dict.fromkeys((ctx.cwd, "")):
        found = _module_in(ctx, join(base, "/".join(parts)), package_main)
        if found:
            return found
    return _module_elsewhere(ctx, "/".join(parts), package_main)


def _module_in(ctx: Context, stem: str, package_main: bool) -> str | None:
    """Python's own order in one directory: a regular package (`stem/__init__.py`) wins over
    a module file `stem.py` beside it, which wins over a namespace directory (no
    `__init__.py`). `-m` runs a package's `__main__.py`; a regular package without one
    stays `stem/__init__.py` (_module reports that Python cannot run it)."""
    if ctx.repo.exists(f"{stem}/__init__.py"):
        if package_main and ctx.repo.exists(f"{stem}/__main__.py"):
            return f"{stem}/__main__.py"
        return f"{stem}/__init__.py"
    if ctx.repo.exists(f"{stem}.py"):
        return f"{stem}.py"
    if package_main and ctx.repo.exists(f"{stem}/__main__.py"):
        return f"{stem}/__main__.py"
    return None


def _module_elsewhere(ctx: Context, relative: str, package_main: bool) -> str | None:
    """A module on PYTHONPATH (`ENV PYTHONPATH=/app/src`: a container path the image copied
    from the repository, or a repository path), else in a `src/` layout (`src/pkg/`, installed
    by `pip install .` / `poetry install` / `uv sync`)."""
    for entry in str(ctx.env.get("PYTHONPATH", "")).split(":")[:8]:
        entry = entry.strip()
        if not entry or "$" in entry:
            continue
        if entry.startswith("/"):
            image = f"{entry.rstrip('/')}/{relative}"
            init = ctx.in_image(f"{image}/__init__.py")  # the same order as _module_in
            main = ctx.in_image(f"{image}/__main__.py") if package_main else None
            mapped = (main or init) if init else (ctx.in_image(f"{image}.py") or main)
            if mapped:
                return mapped
        else:
            found = _module_in(ctx, join(ctx.cwd, entry, relative), package_main)
            if found:
                return found
    for base in dict.fromkeys((ctx.cwd, "")):
        if ctx.repo.is_dir(join(base, "src")):
            found = _module_in(ctx, join(base, "src", relative), package_main)
            if found:
                return found
    return None


_DEBUGPY_VALUED = {"--listen", "--connect", "--log-to", "--pid"}


def _debugpy(call: Call, ctx: Context, rest: int) -> Analysis:
    """`python -m debugpy --listen 0.0.0.0:5678 [--wait-for-client] bot.py` (or `-m pkg`):
    debugpy runs the program in this same process, under the debugger."""
    i = rest + 1  # argv index of the first word after `debugpy`
    while i < len(call.argv):
        word = call.argv[i]
        if word in _DEBUGPY_VALUED or word.startswith("--configure-"):
            i += 2
        elif word in ("--wait-for-client", "--log-to-stderr"):
            i += 1
        else:
            break
    if i >= len(call.argv) or call.argv[i] == "--pid":
        return Analysis([ctx.process(call, kind="other", language="python")])  # attaches to a running process
    inner = Call(("python", *call.argv[i:]), call.at(i - 1), call.background, call.env, call.arg_locations[i - 1:])
    result = _interpreter(inner, ctx)
    from ..record import replace

    result.processes = [replace(p, argv=call.argv, location=call.location) for p in result.processes]
    return result


def valid_module_name(module: str) -> bool:
    """`python -m` imports dotted identifiers: `ANGEL-X-ROBOT` or `app.main:app` cannot be."""
    return all(part.isidentifier() for part in module.split("."))


def _namespace_dir_of_installed(ctx: Context, top: str, module: str) -> bool:
    """A directory without __init__.py is only a namespace portion: an installed regular
    package of that name is imported instead of it."""
    directory = join(ctx.cwd, top)
    if not ctx.repo.is_dir(directory) or ctx.repo.exists(join(directory, "__init__.py")) \
            or ctx.repo.exists(join(directory, "__main__.py")):
        return False
    from .py_installed import declares

    return declares(ctx.repo, top)


_ONE_SHOT_MODULES = frozenset({"alembic", "pip", "venv", "ensurepip", "virtualenv", "compileall", "py_compile", "playwright", "nltk",
                         "spacy", "build", "pip_audit", "unittest", "pytest", "mypy", "ruff", "black",
                         # bot libraries whose __main__ prints version information (discord's: or makes a project)
                         "telegram", "aiogram", "discord"})


def _module(call: Call, ctx: Context, module: str, rest: int) -> Analysis:
    if module == "debugpy":
        return _debugpy(call, ctx, rest)
    if module.split(".")[0] in _TOOL_MODULES:
        from ..commands import run_call

        tool = Call((module.split(".")[0], *call.argv[rest + 1:]), call.at(rest), call.background, call.env,
                    call.arg_locations[rest:])
        return run_call(tool, ctx)
    if "$" not in module and "{" not in module:
        if not valid_module_name(module) and module_file(ctx, module) is None:  # runpy finds `util/syslog-sink.py`
            ctx.missing(call.at(rest), f"`python -m {module}`: `{module}` is not a Python module name "
                        "(module names are identifiers: letters, digits and `_`), so Python cannot import it",
                        "name the package directory with `-m` (e.g. `python -m mybot` for mybot/__main__.py), "
                        "and rename a directory whose name has `-` or spaces")
            return Analysis([ctx.process(call, kind="other", language="python")])
    path = module_file(ctx, module) if "$" not in module else None
    if path is None:
        top = module.split(".")[0]
        if _namespace_dir_of_installed(ctx, top, module):
            pass  # `alembic/` (migrations, no __init__.py) beside the installed alembic: the package wins (PEP 420)
        elif ctx.repo.is_dir(join(ctx.cwd, top)) or ctx.repo.exists(join(ctx.cwd, top + ".py")):
            ctx.missing(call.at(rest), f"`python -m {module}`: module {module} is not in the repository",
                        "fix the module path or the working directory")
        elif "$" not in module and "{" not in module:
            from .py_installed import surely_not_installed

            if surely_not_installed(ctx.repo, module):
                ctx.missing(call.at(rest), f"`python -m {module}`: module {top} is neither in the repository nor "
                            "provided by any package the deployment installs (requirements, pyproject, Pipfile, "
                            "Dockerfile `pip install`)",
                            "fix the module name (`python -m` takes the package directory's name), or add the "
                            "package that provides it to the requirements")
        # an installed module; the packaging tools among them install or build, then exit
        return Analysis([ctx.process(call, kind="other", language="python",
                                     long_running=module.split(".")[0] not in _ONE_SHOT_MODULES)])
    if path.endswith("/__init__.py") and not _init_runs_something(ctx, path):
        # `python -m pkg` imports pkg (its __init__ runs), then finds no pkg/__main__.py and exits;
        # an __init__ that runs the program itself at import (`client.run_until_disconnected()`
        # at module level) keeps running until it stops, and is not reported
        package = path[: -len("/__init__.py")]
        ctx.missing(call.at(rest), f"`python -m {module}`: {package}/ is a package without __main__.py, so Python "
                    f"exits at once ('{module}' is a package and cannot be directly executed)",
                    f"add {package}/__main__.py that starts the program, or name the module that does "
                    f"(`python -m {module}.main`)")
    words = list(call.argv[rest + 1:])
    return _with_subcommand(call, ctx, path, words, kind="python-module") or Analysis(
        [ctx.process(call, kind="python-module", entry=path, language="python")])


def _init_runs_something(ctx: Context, path: str) -> bool:
    """The package's __init__.py has a module-level call statement (`main()`, `app.run()`,
    `asyncio.run(...)`): it may run the program during the import."""
    import ast

    from ..code.python_module import load

    module = load(ctx.repo, path)
    if module is None:
        return True  # unreadable: not judged
    return any(isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.Call, ast.Await))
               for stmt in module.tree.body[:2000])


def _with_subcommand(call: Call, ctx: Context, path: str, words: list[str], **fields) -> Analysis | None:
    """The process of an entry that hands its arguments to a click/Typer group: the
    sub-command they name runs too (a start hook), and a one-shot one does not keep running.
    None when the entry calls no group that has the command."""
    from .python_cli import entry_subcommand

    chosen = entry_subcommand(ctx, path, words) if words else None
    if chosen is None and words:
        from .flask_cli import group_subcommand  # `python manage.py scheduler` with a FlaskGroup

        chosen = group_subcommand(ctx, path, words)
    if chosen is None:
        return None
    return _with_chosen(call, ctx, path, words, chosen, **fields)


def _with_chosen(call: Call, ctx: Context, path: str, words: list[str], chosen: tuple, **fields) -> Analysis:
    from ..model import StartHook, Step

    where, qual, returns, arguments = chosen
    step = Step(call.location, f"the command group runs `{' '.join(words[:3])}` (`{qual}`)")
    fields["hooks"] = (StartHook(where, qual, False, step),)
    fields["long_running"] = not returns
    fields["arguments"] = arguments
    return Analysis([ctx.process(call, entry=path, language="python", **fields)])


def _tool_run(call: Call, ctx: Context) -> Analysis:
    """`uv run X`, `poetry run X`, `pipenv run X` run X in the project's environment."""
    args = call.args
    if not args or args[0] != "run":
        return Analysis([ctx.process(call, kind="other", long_running=False)])
    skip = 2
    inner = ctx.deeper()
    while skip < len(call.argv) and call.argv[skip].startswith("-"):
        option, _, value = call.argv[skip].partition("=")
        if option in ("-m", "--module") and call.program == "uv" and skip + 1 < len(call.argv):
            # `uv run -m pkg`: python -m pkg in the project's environment
            module = Call(("python", "-m", *call.argv[skip + 1:]), call.at(skip), call.background, call.env,
                          (call.at(skip), call.at(skip), *call.arg_locations[skip + 1:]))
            return _interpreter(module, inner)
        if option in _TOOL_OPTIONS_WITH_VALUE and not value and skip + 1 < len(call.argv):
            value = call.argv[skip + 1]
            skip += 1
        if option in ("--directory", "--project", "-C", "-P") and value and not value.startswith(("$", "/")) \
                and not (option == "-C" and call.program == "uv"):  # uv's -C is --config-setting
            inner = replace(inner, cwd=join(inner.cwd, value))
        skip += 1
    from ..commands import run_call

    if call.program == "pipenv" and skip < len(call.argv):  # `pipenv run start`: the Pipfile's [scripts]
        from .pipfile_scripts import expand

        scripted = expand(call.shifted(skip), inner)
        if scripted is not None:
            return scripted
    return run_call(call.shifted(skip), inner)


# options of `uv run` / `poetry run` that take a value (`uv run --env-file .env python bot.py`)
_TOOL_OPTIONS_WITH_VALUE = frozenset({
    "--with", "--with-editable", "--with-requirements", "--env-file", "--directory", "--project", "--python",
    "-p", "--extra", "--group", "--only-group", "--no-group", "--package", "--index", "--default-index",
    "--index-url", "--extra-index-url", "--find-links", "-f", "--config-file", "-C", "--config-setting", "-P",
    "--cache-dir", "--python-preference", "--index-strategy", "--keyring-provider", "--resolution",
    "--prerelease", "--link-mode", "--refresh-package", "--reinstall-package", "--upgrade-package", "-P",
    "--no-binary-package", "--no-build-package", "--exclude-newer", "--color"})


def _flask(call: Call, ctx: Context) -> Analysis:
    args = call.args
    app = ctx.env.get("FLASK_APP") or call.env.get("FLASK_APP")
    for i, arg in enumerate(args):
        if arg in ("--app", "-A") and i + 1 < len(args):
            app = args[i + 1]
        elif arg.startswith("--app="):
            app = arg.split("=", 1)[1]
    words = _flask_words(args)
    module, _, attr = (app or "").partition(":")
    module = module.removesuffix(".py").replace("/", ".")
    path = module_file(ctx, module, package_main=False) if module else (
        next((p for p in (join(ctx.cwd, "app.py"), join(ctx.cwd, "wsgi.py")) if ctx.repo.exists(p)), None))
    if words[:1] != ["run"]:
        from .flask_cli import command  # the project's own `@app.cli.command("run-bot")`

        chosen = command(ctx, path, words) if words and words[0] not in _FLASK_OWN else None
        if chosen is None:
            return Analysis([ctx.process(call, kind="other", long_running=False)])
        return _with_chosen(call, ctx, path, words, chosen, kind="python-console", app=None)
    reloader = "--debug" in args or "--reload" in args or ctx.env.get("FLASK_DEBUG") in ("1", "true")
    return Analysis([ctx.process(call, kind="python-app", entry=path, app=attr or "app", server="flask",
                                 reloader=reloader, language="python")])


_FLASK_OWN = frozenset({"shell", "routes", "db", "--help", "--version"})  # Flask's and Flask-Migrate's commands
_FLASK_OPTIONS_WITH_VALUE = frozenset({"--app", "-A", "--env-file", "-e"})


def _flask_words(args: tuple[str, ...]) -> list[str]:
    """The command words after flask's own options: `run-bot --x` in `flask --app a run-bot --x`."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _FLASK_OPTIONS_WITH_VALUE:
            index += 2
        elif arg.startswith("-"):
            index += 1
        else:
            return list(args[index:])
    return []
