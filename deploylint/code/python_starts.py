"""Programs the Python code a process runs start: `subprocess`/`os.system` commands, a
`multiprocessing.Process(target=f)`, and a server started in-process with workers
(`uvicorn.run(app, workers=4)`, a gunicorn `BaseApplication` subclass): each becomes a
code.spawn.Spawn record (the plan makes it a process of its own), and an app served by
workers has its start-up hooks counted in those workers, not here.

A mixin of the walker (code/python.py): needs resolve, locate, _spawn and _mark_served.
What a call starts is read by python_spawn.
"""
from __future__ import annotations

import ast

from ..model import Copies, Location, Process
from . import python_signatures as sig
from . import python_spawn as spawning
from .python_module import Module, load


class Starts:
    def _started(self, m: Module, scope: str, call: ast.Call, here, site: Location, facts) -> None:
        started = spawning.started_command(call, facts)
        if started is not None:
            command = started.shell if started.shell is not None else " ".join(started.argv or ())
            self._spawn(here, site, f"`{sig.short(call, 50)}` starts `{command[:60]}`",
                        shell=started.shell, argv=started.argv, cwd=started.cwd)
            return
        served = spawning.uvicorn_served(call, facts) or self._gunicorn_served(m, scope, call, facts)
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

    def _gunicorn_served(self, m: Module, scope: str, call: ast.Call, facts) -> spawning.Served | None:
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
                        spawning.is_gunicorn_base(base, klass) for base in node.bases):
                    continue
                args = list(constructor.args)
                options = spawning.gunicorn_options(args[1] if len(args) > 1 else sig.keyword(constructor, "options"),
                                                    owner)
                workers, how, assumed = spawning.int_of(options.get("workers"), owner)
                app = args[0] if args else sig.keyword(constructor, "app")
                if workers <= 1 or app is None:
                    return None
                return spawning.Served("gunicorn", "", sig.short(app, 30), workers,
                                       f"gunicorn `{cls}` with options `workers: {how}`",
                                       assumed, app_expr=app, preload=True)
        return None

    def _serve(self, m: Module, call: ast.Call, here, site: Location, served: spawning.Served) -> None:
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
