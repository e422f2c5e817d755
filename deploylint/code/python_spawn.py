"""Python calls that start another program or a web server's workers.

Pure functions over one call and the Facts of its module (python_signatures): they say
which command a call runs (`subprocess.Popen([sys.executable, "bot.py"])`,
`os.system("python bot.py &")`, `os.spawnl(...)`, `os.execv(...)`), or which app a
server started from code serves with how many workers (`uvicorn.run("api:app",
workers=4)`, a gunicorn `BaseApplication` subclass with `{"workers": 4}`). The walker
(python.py) turns them into code.spawn.Spawn records: the `Starts` mixin at the end is the
walker's side (an app served by workers has its start-up hooks counted in those workers,
not in the process that starts the server).
"""
from __future__ import annotations

import ast
import re
from ..record import dataclass

from ..safe import to_int
from ..model import Copies, Location, Process
from . import python_signatures as sig
from .python_module import Module, load
from .python_values import env_name

SHELL_STRING_CALLS = frozenset({"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput",
                                "asyncio.create_subprocess_shell", "commands.getoutput"})
ARGS_CALLS = frozenset({"subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                        "subprocess.check_output"})
PYTHON_EXECUTABLE = frozenset({"sys.executable"})
GUNICORN_BASES = frozenset({"BaseApplication", "WSGIApplication", "Application"})
MAX_INT = 1024


@dataclass(frozen=True)
class Started:
    """A command a call runs: a shell string or an argv, and the `cwd=` it gives."""

    shell: str | None = None
    argv: tuple[str, ...] | None = None
    cwd: str | None = None


def started_command(call: ast.Call, facts: sig.Facts) -> Started | None:
    """The command a subprocess/os call starts, when its words are known statically."""
    qualified = facts.qualified(call.func)
    if not (qualified in SHELL_STRING_CALLS or qualified in ARGS_CALLS or qualified == "asyncio.create_subprocess_exec"
            or qualified.startswith(("os.spawn", "os.exec"))):
        return None
    name = sig.last(qualified)
    cwd = _text(sig.keyword(call, "cwd"), facts)
    if qualified in SHELL_STRING_CALLS:
        text = _text(call.args[0] if call.args else sig.keyword(call, "cmd"), facts)
        return Started(shell=text, cwd=cwd) if _usable(text) else None
    if qualified in ARGS_CALLS:
        first = _list_of(call.args[0] if call.args else sig.keyword(call, "args"), facts)
        if isinstance(first, (ast.List, ast.Tuple)):
            argv = _words(first.elts, facts)
            return Started(argv=argv, cwd=cwd) if argv else None
        text = _text(first, facts)
        if not _usable(text):
            return None
        if sig.is_true(sig.keyword(call, "shell")):
            return Started(shell=text, cwd=cwd)
        import shlex  # only for a shell string handed to an argv call

        try:
            argv = tuple(shlex.split(text))  # type: ignore[arg-type]
        except ValueError:
            return None
        return Started(argv=argv, cwd=cwd) if argv else None
    if qualified == "asyncio.create_subprocess_exec":
        argv = _words(call.args, facts)
        return Started(argv=argv, cwd=cwd) if argv else None
    if qualified.startswith("os.spawn") or qualified.startswith("os.exec"):
        return _os_started(name, call, facts)
    return None


def _os_started(name: str, call: ast.Call, facts: sig.Facts) -> Started | None:
    """os.spawnl(mode, path, arg0, ...), os.spawnv(mode, path, [arg0, ...]),
    os.execl(path, arg0, ...), os.execv(path, [arg0, ...]); `e` variants end with env."""
    args = list(call.args)
    if name.startswith("spawn"):
        args = args[1:]  # the mode
        variant = name[5:]
    else:
        variant = name[4:]
    if len(args) < 2:
        return None
    if "e" in variant:
        args = args[:-1]
    path = args[0]
    if "v" in variant:
        listed = _list_of(args[1], facts)
        rest = listed.elts[1:] if isinstance(listed, (ast.List, ast.Tuple)) else None
        if rest is None:
            return None
        if isinstance(path, ast.Subscript) and listed is not args[1]:  # os.execvp(cmd[0], cmd)
            path = listed.elts[0] if listed.elts else path
    else:
        rest = args[2:]
    argv = _words([path, *rest], facts)
    return Started(argv=argv) if argv else None


def _list_of(expr: ast.expr | None, facts: sig.Facts) -> ast.expr | None:
    """`cmd` where `cmd = ["python", "bot.py"]` is that list literal."""
    if isinstance(expr, ast.Name):
        for value in facts.values(expr.id)[:2]:
            if isinstance(value, (ast.List, ast.Tuple)):
                return value
    return expr


def _words(items: list[ast.expr], facts: sig.Facts) -> tuple[str, ...] | None:
    """argv words; the program and its first argument must be known, later unknown
    words become a placeholder."""
    words: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, ast.Starred):
            break
        text = "python" if facts.qualified(item) in PYTHON_EXECUTABLE else _text(item, facts)
        if text is None or "{" in text:
            if index < 2:
                return None
            text = "ARG"
        words.append(text)
    return tuple(words) if words else None


def _text(expr: ast.expr | None, facts: sig.Facts) -> str | None:
    if expr is None:
        return None
    text = sig.string_of(expr, facts)
    if text is None:
        return None
    return text.replace("{sys.executable}", "python")


def _usable(text: str | None) -> bool:
    """A command line whose program and first argument are known (no `{x}` from an f-string)."""
    if not text or not text.strip():
        return False
    head = text.strip().split()[:2]
    return not any("{" in word for word in head)


# -- servers started from code ------------------------------------------------------------
@dataclass(frozen=True)
class Served:
    """A web server that code starts with several workers, each importing `module:attr`."""

    server: str
    module: str  # dotted module name ("api") or "" when `attr` is an object of `module_expr`
    attr: str
    workers: int
    reason: str  # how the worker count is written: "`uvicorn.run('api:app', workers=4)`"
    assumed: bool = False
    app_expr: ast.expr | None = None  # the app object (gunicorn BaseApplication)
    preload: bool = False  # the app was imported in the parent: import-time code ran once


def uvicorn_served(call: ast.Call, facts: sig.Facts) -> Served | None:
    """`uvicorn.run("api:app", workers=4)`: uvicorn spawns 4 workers, each imports api.
    An app object (not a string) cannot have workers; uvicorn.Server/Config.serve() and
    hypercorn.asyncio.serve run one server in this process."""
    if facts.qualified(call.func) != "uvicorn.run":
        return None
    app = call.args[0] if call.args else sig.keyword(call, "app")
    text = _text(app, facts) if app is not None else None
    if not text or ":" not in text or not re.fullmatch(r"[\w.]+:[\w.]+(\(\))?", text):
        return None
    if sig.is_true(sig.keyword(call, "reload")):
        return None  # uvicorn ignores `workers` under the reloader: one serving process
    workers, how, assumed = int_of(sig.keyword(call, "workers"), facts)
    if workers <= 1:
        return None
    module, _, attr = text.partition(":")
    return Served("uvicorn", module, attr.split("(")[0], workers, f"`uvicorn.run({sig.short(app, 30)}, workers={how})`",
                  assumed)


def int_of(expr: ast.expr | None, facts: sig.Facts, depth: int = 3) -> tuple[int, str, bool]:
    """(value, how it is written, assumed from an environment default) of a small
    integer expression; (1, "", False) when unknown."""
    if expr is None:
        return 1, "", False
    if isinstance(expr, ast.Constant) and isinstance(expr.value, int) and not isinstance(expr.value, bool):
        return max(1, min(expr.value, MAX_INT)), str(expr.value), False
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str) and expr.value.strip().isdigit() \
            and to_int(expr.value, digits=5) is not None:  # not '²': isdigit, but no number
        return max(1, min(to_int(expr.value), MAX_INT)), expr.value, False
    if isinstance(expr, ast.Call) and depth:
        name = sig.callee(expr)[0]
        if name == "int" and expr.args:
            return int_of(expr.args[0], facts, depth - 1)
        if env_name(expr) and len(expr.args) > 1:  # os.getenv("WORKERS", 4): the default
            value, _, _ = int_of(expr.args[1], facts, depth - 1)
            return value, f"{sig.short(expr, 40)}", True
        return 1, "", False
    if isinstance(expr, ast.Name) and depth:
        for value in facts.values(expr.id)[:2]:
            number, how, assumed = int_of(value, facts, depth - 1)
            if how:
                return number, f"{expr.id} = {how}", assumed
    return 1, "", False


def gunicorn_options(options: ast.expr | None, facts: sig.Facts, depth: int = 2) -> dict[str, ast.expr]:
    """The literal dict a gunicorn BaseApplication is given as options."""
    if isinstance(options, ast.Name) and depth:
        for value in facts.values(options.id)[:2]:
            found = gunicorn_options(value, facts, depth - 1)
            if found:
                return found
        return {}
    if isinstance(options, ast.Dict):
        return {k.value: v for k, v in zip(options.keys, options.values)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if isinstance(options, ast.Call) and sig.callee(options)[0] == "dict":
        return {k.arg: k.value for k in options.keywords if k.arg}
    return {}


def is_gunicorn_base(base: ast.expr, facts: sig.Facts) -> bool:
    qualified = facts.qualified(base)
    return sig.last(qualified) in GUNICORN_BASES and qualified.startswith("gunicorn")


# -- the walker's side (a mixin of code/python.py's walker: needs resolve, locate, _spawn, _mark_served)
class Starts:
    def _started(self, m: Module, scope: str, call: ast.Call, here, site: Location, facts) -> None:
        started = started_command(call, facts)
        if started is not None:
            command = started.shell if started.shell is not None else " ".join(started.argv or ())
            self._spawn(here, site, f"`{sig.short(call, 50)}` starts `{command[:60]}`",
                        shell=started.shell, argv=started.argv, cwd=started.cwd)
            return
        served = uvicorn_served(call, facts) or self._gunicorn_served(m, scope, call, facts)
        if served is not None:
            self._serve(m, call, here, site, served)

    def _multiprocessing(self, m: Module, scope: str, call: ast.Call, here, site: Location):
        """`multiprocessing.Process(target=f)`: f runs in a process of its own."""
        if not sig.last(m.qualified(call.func)) == "Process" or "multiprocessing" not in m.qualified(call.func):
            return None
        target = sig.keyword(call, "target")
        if not isinstance(target, (ast.Name, ast.Attribute)):
            return None
        funcs = [(path, qual) for kind, path, qual in self.resolve(m, scope, target) if kind == "func"]
        if not funcs:
            return None
        path, qual = funcs[0]
        process = Process(argv=("python", f"{path}:{qual}"), location=site, kind="python-function", entry=path,
                          app=qual, language="python", long_running=True)
        self._spawn(here, site, f"`{sig.short(call, 50)}` runs `{qual}` in a new process", process=process)
        return target

    def _gunicorn_served(self, m: Module, scope: str, call: ast.Call, facts) -> Served | None:
        """`StandaloneApplication(app, {"workers": 4}).run()` with a gunicorn BaseApplication
        subclass: the app object was imported here; its start-up hooks run in each worker."""
        name, receiver = sig.callee(call)
        if name != "run" or receiver is None:
            return None
        for constructor, owner in sig.origins_with(receiver, facts, 2):
            for kind, path, cls in self.resolve(owner.module, "", constructor.func):
                node = load(self.repo, path).defs.get(cls) if kind == "class" and load(self.repo, path) else None
                klass = load(self.repo, path)
                if not isinstance(node, ast.ClassDef) or not any(
                        is_gunicorn_base(base, klass) for base in node.bases):
                    continue
                args = list(constructor.args)
                options = gunicorn_options(args[1] if len(args) > 1 else sig.keyword(constructor, "options"),
                                                    owner)
                workers, how, assumed = int_of(options.get("workers"), owner)
                app = args[0] if args else sig.keyword(constructor, "app")
                if workers <= 1 or app is None:
                    return None
                return Served("gunicorn", "", sig.short(app, 30), workers,
                                       f"gunicorn `{cls}` with options `workers: {how}`",
                                       assumed, app_expr=app, preload=True)
        return None

    def _serve(self, m: Module, call: ast.Call, here, site: Location, served: Served) -> None:
        if served.app_expr is not None:
            path, attr = self._app_object(m, served.app_expr)
        else:
            located = self.locate(m.path, served.module, 0)
            path, attr = (located[1] if located else None), served.attr
        if not path:
            return
        self._mark_served(path)
        workers = Copies(served.workers, served.reason, site, assumed=served.assumed)
        process = Process(argv=(served.server, f"{served.module or path}:{attr}"), location=site, kind="python-app",
                          entry=path, app=attr, server=served.server, workers=workers, preload=served.preload,
                          language="python")
        self._spawn(here, site, f"{served.reason} starts {served.workers} {served.server} workers serving "
                                f"{path}:{attr}", process=process, workers_only=served.preload)

    def _app_object(self, m: Module, expr: ast.expr) -> tuple[str | None, str]:
        """The module an app object is defined in, and its name there."""
        if isinstance(expr, ast.Name):
            binding = m.bindings.get(expr.id)
            if binding is not None and binding.attr:
                located = self.locate(m.path, binding.module, binding.level)
                return (located[1] if located else None), binding.attr
            return m.path, expr.id
        if isinstance(expr, ast.Call):  # create_app()
            return m.path, sig.short(expr.func, 30)
        return None, ""
