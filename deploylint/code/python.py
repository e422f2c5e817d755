"""Singleton evidence in the Python code a process runs at start-up, read with `ast`
(never imported, never run): the walk from the entry.

From the entry file, what runs at start-up is: module-level statements, the `__main__`
block (script and `-m` mode, not when a server imports the app), functions called from
reached code (directly, through asyncio, threads and executors, or as methods of objects
whose class is known: `inst = Bot(); Thread(target=inst.run)`, `self.client = X()`
in `__init__`, an object imported from another module or made by a dependency-injector
container, or held in a list a loop walks), start-up hooks (FastAPI/Starlette on_event, also applied as a call, and lifespan, aiohttp on_startup, Flask before_first_request, Django
AppConfig.ready...), and the module-level code of every repository module imported on
the way. A call that names a repository function is that function, never a library
method of the same name. Programs the code starts (subprocess, os.system, multiprocessing,
a server started with workers) are reported as code.spawn.Spawn records: the plan makes
each a process of its own.

Modules: python_module (one parsed file), python_summary (what one unit does),
python_resolve (names, imports, objects), python_signatures (what a call starts),
python_spawn (the programs a call starts), python_dynamic (importlib names), python_runpy
(runpy and importlib.util modules run by name or path), python_alternates (names imported twice),
python_factories (factory classmethods, overrides), python_di (dependency-injector
containers), python_tokens (which token a poller uses). Parsed modules and unit summaries are
memoised on the Repo, so many processes that share modules cost one parse.
"""
from __future__ import annotations

import ast
import posixpath
import re
from collections import deque
from ..record import dataclass, replace

from ..model import Evidence, Location, Process, Step
from ..repo import Repo
from . import python_dynamic as dynamic
from .python_factories import Overrides, factory_class
from . import python_hooks as hooks
from . import python_signatures as sig
from .python_module import Module, load
from .python_spawn import Starts
from .python_replay import dispatch, effect
from .python_resolve import Resolver
from .python_summary import Event, summary
from .python_tokens import Tokens
from .spawn import Spawn

MAX_UNITS = 5000  # reached functions and modules per scan: a bound for pathological repos
CREDENTIAL_KINDS = ("polling", "polling-fallback", "webhook", "gateway", "session")
FAILURE_KINDS = ("polling", "polling-fallback", "gateway", "session")  # a fallback in an `except` block (DPL108)
KINDS = ("python-script", "python-module", "python-app", "python-function", "python-console")


def scan(repo: Repo, process: Process) -> list[Evidence]:
    return list(_walk(repo, process)[0])


def spawns(repo: Repo, process: Process) -> list[Spawn]:
    """Programs the process's code starts (code.spawn makes them processes)."""
    return list(_walk(repo, process)[1])


def _walk(repo: Repo, process: Process) -> tuple[list[Evidence], list[Spawn]]:
    if not process.entry or process.kind not in KINDS:
        return [], []
    key = ("python-scan", process.kind, process.entry, process.app, process.preload, process.argv,
           getattr(process, "hooks", ()))
    return repo.memo(key, lambda: _Walker(repo, process).run())


# -- the walk from the entry ------------------------------------------------------------------
@dataclass(frozen=True)
class _Task:
    path: str
    qual: str  # "" = the module body
    trace: tuple[Step, ...]
    per_worker: bool
    looped: bool = False
    fallback: bool = False
    as_main: bool = False
    hook_of: str = ""  # the module whose start-up hook this runs in
    after: str = ""  # "`app.run()` returns": reached only after a blocking server call returns
    after_at: Location | None = None
    on_failure: str = ""  # "`app.run_webhook(...)` fails": reached only in an `except` block


_BLANK = _Task("", "", (), False)  # the task an event's effects are recorded against


class _Apart(Exception):
    """A hit that counts only in a loop was reached outside one, or an app module is served by
    workers: walk again with `looped` and `hook_of` kept apart."""


class _Walker(Resolver, Tokens, Overrides, Starts):
    # `looped` decides only the hits that count in a loop (Hit.needs_loop: raw getUpdates,
    # run_pending), `hook_of` only which evidence a served app's hooks drop (`served`); neither
    # changes which units are entered nor their traces: each unit is entered once, the first way
    # the breadth-first order reaches it, unless `apart` (r14)
    def __init__(self, repo: Repo, process: Process, apart: bool = False):
        super().__init__(repo, process)
        self.apart = apart
        from .python_argv import command_line

        self._argv = command_line(process)  # the process's literal argv: `sys.argv` tests decided while walking
        self.queue: deque[_Task] = deque()
        self.seen: set[tuple] = set()
        self.found: dict[tuple, Evidence] = {}
        self.hooked: dict[tuple, str] = {}  # evidence key -> module whose hook reached it
        self.methods: dict[tuple, tuple[_Task, Location]] = {}  # method name calls (by name)
        self.instances: set[tuple[str, str]] = set()  # classes instantiated: (path, qual)
        # the same two joined by method name: name -> instances whose class has a method of that
        # name, name -> the keys of `methods` (a call meets only the classes that can answer it)
        self.by_method: dict[str, list[tuple[str, str]]] = {}
        self._calls_named: dict[str, list[tuple[int, tuple]]] = {}  # (order met, key)
        self.spawned: dict[tuple, Spawn] = {}
        self.served: set[str] = set()  # app modules whose hooks run in a server's workers, not here
        self._recording: list | None = None  # python_replay: effects noted, not run
        # what an event does is recorded once per import bases and app mode, and replayed
        self._replays: dict = repo.memo(("python-replay", tuple(self.bases), self.app), dict)

    # -- driving ----------------------------------------------------------------------------
    def run(self) -> tuple[list[Evidence], list[Spawn]]:
        if self.process.kind == "python-function":  # a multiprocessing target: the function only
            self.push(_Task(self.entry, self.process.app or "", (), False))
        elif self.process.kind == "python-console":  # a console script: import the module, call the function
            for init in self._package_inits():
                self.push(_Task(init, "", (), False))
            self.push(_Task(self.entry, "", (), False))
            if self.process.app:
                self.push(_Task(self.entry, self.process.app, (Step(self.process.location, f"the console script calls `{self.process.app}`"),), False))
            for hook in self.process.hooks:  # `flask run-bot`: the command the CLI calls after importing the app
                self.push(_Task(hook.path, hook.qual, (hook.step,), hook.per_worker))
        else:
            import_per_worker = self.app and not self.process.preload
            for init in self._package_inits():
                self.push(_Task(init, "", (), import_per_worker))
            self.push(_Task(self.entry, "", (), import_per_worker, as_main=not self.app))
            for hook in self.process.hooks:  # gunicorn server hooks, Celery task modules and bodies
                self.push(_Task(hook.path, hook.qual, (hook.step,), hook.per_worker))
            self._app_factory()
            self._management_command()
        count = 0
        try:
            while self.queue and count < MAX_UNITS:
                count += 1
                self.visit(self.queue.popleft())
        except _Apart:
            return _Walker(self.repo, self.process, apart=True).run()
        self.visits = count  # the regression tests count them
        found = [e for key, e in self.found.items() if self.hooked.get(key, "") not in self.served]
        evidence = sorted(found, key=lambda e: (e.location.path, e.location.line, e.location.column, e.kind))
        return evidence, list(self.spawned.values())

    def push(self, task: _Task) -> None:
        key = (task.path, task.qual, task.per_worker, task.looped and self.apart, task.fallback, task.as_main,
               task.hook_of if self.apart else "", task.after, task.on_failure)
        if key not in self.seen:
            if self._argv is not None and _route_fails(self.repo, task.trace, self._argv):
                return  # a branch this command line does not take: the unit may still run another way
            self.seen.add(key)
            self.queue.append(task)

    @effect(0)
    def enter(self, via: _Task, path: str, qual: str, step: Step, per_worker: bool | None = None,
              hook_of: str | None = None) -> None:
        self.push(_Task(path, qual, via.trace + (step,), via.per_worker if per_worker is None else per_worker,
                        via.looped, via.fallback, hook_of=via.hook_of if hook_of is None else hook_of,
                        after=via.after, after_at=via.after_at, on_failure=via.on_failure))

    def visit(self, task: _Task) -> None:
        module = load(self.repo, task.path)
        if module is None:
            return
        plain = replace(task, as_main=False) if task.as_main else task  # an event with no conditions on the way
        for event in summary(self.repo, module, task.qual, task.as_main):
            if event.steps or (event.looped and not task.looped) or (event.fallback and not task.fallback) or (
                    event.after and not task.after) or (event.on_failure and not task.on_failure):
                here = replace(task, trace=task.trace + event.steps, looped=task.looped or event.looped,
                               fallback=task.fallback or event.fallback, as_main=False,
                               after=task.after or event.after, after_at=task.after_at or event.after_at,
                               on_failure=task.on_failure or event.on_failure)
            else:
                here = plain
            dispatch(self, getattr(self, f"_on_{event.what}"), module, task.qual, event, here, _BLANK, self._replays)

    # -- events -----------------------------------------------------------------------------
    def _on_call(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        call: ast.Call = hooks.plain_getattr(event.node)  # type: ignore[arg-type]  # `getattr(app, "run")()`
        libs = self.libs_of(m)
        facts = self.linked(m)
        site = m.location(call)
        targets = self.resolve(m, scope, call.func) or self.instance_called(m, scope, call)
        if not any(kind == "func" for kind, _, _ in targets) or sig.library_receiver(call, facts):
            # a repository function is that function, unless the receiver may also be a
            # library client (`client = FakeClient() if TEST else discord.Client()`)
            for hit in m.classify(call, libs, facts) or self._super_hits(m, scope, call, libs, facts):
                self.emit(hit, m, call, here)
        if not targets and isinstance(call.func, ast.Name):  # `runner()`, `runner = partial(bot.polling)`
            self._partial_call(m, call.func, call, here, libs, facts)
        self._reach(m, scope, call.func, here, site, targets=targets)
        self.self_dispatch(m, scope, call, here, site)  # `self.connect()`: a subclass's override
        if not targets and isinstance(call.func, ast.Attribute):
            root = sig.chain_words(call.func.value)[:1]
            if not (root and m.imported_module(root[0])):
                self.method_call(call.func.attr, here, site)
        process_target = self._multiprocessing(m, scope, call, here, site)
        for ref in hooks.callable_arguments(call):
            if ref is process_target:
                continue
            runs = Step(site, f"`{sig.short(call, 50)}` runs `{sig.short(ref, 40)}`")
            via = replace(here, trace=here.trace + (runs,))
            ref_targets = self.resolve(m, scope, ref)
            if not any(kind == "func" for kind, _, _ in ref_targets) and not hooks.bound_partial(m, call):
                for hit in sig.classify_reference(ref, facts, libs):
                    self.emit(hit, m, ref, via)
                if not ref_targets:
                    self._partial_call(m, ref, ref, via, libs, facts)
            self._reach(m, scope, ref, here, site, note=runs.note, targets=ref_targets)
            if not ref_targets and isinstance(ref, ast.Attribute):
                root = sig.chain_words(ref.value)[:1]
                if not (root and m.imported_module(root[0])):
                    self.method_call(ref.attr, via, site)
        for ref, how, choice in hooks.hook_choices(call, m.defs.get(scope) if scope else m.tree):
            chosen = hooks.condition_step(m, choice)  # `lifespan=a if PROD else b`: the test on the way
            via = replace(here, trace=here.trace + (chosen,)) if chosen else here
            for kind, path, qual in self.callable_targets(m, scope, ref):
                if kind == "func":
                    self.enter(via, path, qual, Step(m.location(ref), f"start-up hook `{qual}` ({how})"),
                               per_worker=self.app, hook_of=m.path)
        self._dynamic_import(m, scope, call, here)
        if m.mentions("runpy") or m.mentions("importlib"):  # runpy / importlib.util by name or path
            from .python_runpy import run_calls

            run_calls(self, m, scope, call, here)
        if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, (ast.Call, ast.Name)):
            self._imported_function(m, scope, call, here, site)  # r10py: `import_module("bots.x").main()`
        self._started(m, scope, call, here, site, facts)

    def _partial_call(self, m: Module, name: ast.expr, site: ast.AST, here: _Task, libs, facts) -> None:
        """`runner()` / `Thread(target=runner)` where `runner = partial(bot.infinity_polling)`:
        the library method starts here, where the partial is called (python_hooks.bound_partial)."""
        target = hooks.partial_target(m, name)
        if target is not None:
            for hit in sig.classify_reference(target, facts, libs):
                self.emit(hit, m, site, here)

    def _super_hits(self, m: Module, scope: str, call: ast.Call, libs, facts) -> list[sig.Hit]:
        """`await super().start()` in a method of `class Bot(pyrogram.Client)`: the library
        method of the base runs on this object, as `Bot().start()` would."""
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call)
                and sig.chain_words(func.value.func) == ["super"]):
            return []
        cls = m.class_of(scope)
        if not cls or "." in cls:
            return []
        receiver = ast.copy_location(ast.Call(func=ast.Name(id=cls, ctx=ast.Load()), args=[], keywords=[]), call)
        fake = ast.copy_location(ast.Call(func=ast.Attribute(value=receiver, attr=func.attr, ctx=ast.Load()),
                                          args=call.args, keywords=call.keywords), call)
        try:
            return sig.classify(fake, facts, libs)
        except RecursionError:
            return []

    # -- programs the code starts ---------------------------------------------------------------
    @effect(0)
    def _spawn(self, here: _Task, site: Location, note: str, **fields) -> None:
        key = (site, here.per_worker)
        if key not in self.spawned:
            self.spawned[key] = Spawn(site, here.trace + (Step(site, note),), here.per_worker, **fields)

    @effect(None)
    def _mark_served(self, path: str) -> None:
        if not self.apart:
            raise _Apart
        self.served.add(path)

    def _on_with(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        # linked facts: `async with app:` where `app = build_client()` (a factory, here or imported)
        for hit in sig.classify_with(event.node, self.linked(m), self.libs_of(m)):  # type: ignore[arg-type]
            self.emit(hit, m, event.node, here)

    def _on_loop(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        for node, hit in sig.classify_loop(event.node, m):  # type: ignore[arg-type]
            self.emit(hit, m, node, here)

    def _on_hook(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        qual, how = event.data  # type: ignore[misc]
        once = any(h in how for h in hooks.MAIN_PROCESS_HOOKS)  # Sanic's manager: once, not per worker
        self.enter(here, m.path, qual, Step(m.location(event.node), f"start-up hook `{qual}` ({how})"),
                   per_worker=self.app and not once, hook_of=m.path)

    def _on_ready(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        qual = str(event.data)
        self.enter(here, m.path, qual, Step(m.location(event.node), f"Django calls `{qual}()` at start-up"))

    def _on_import(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        node = event.node
        step_note = ""  # `import x` runs x.py, written when a module is found
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._run_module(m, node, self.locate(m.path, alias.name, 0), here, step_note)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            self._run_module(m, node, self.locate(m.path, module, node.level), here, step_note)
            for alias in node.names:
                dotted = f"{module}.{alias.name}" if module else alias.name
                if alias.name != "*":
                    self._run_module(m, node, self.locate(m.path, dotted, node.level), here, step_note)

    def _run_module(self, m: Module, node: ast.AST, located, here: _Task, note: str) -> None:
        for path in (located[0] if located else ()):
            if path != m.path:
                note = note or f"`{sig.short(node, 50)}` runs"
                self.enter(here, path, "", Step(m.location(node), f"{note} {path}"))

    def _dynamic_import(self, m: Module, scope: str, call: ast.Call, here: _Task) -> None:
        """importlib.import_module("pkg.mod") (python_dynamic) and Django's DJANGO_SETTINGS_MODULE."""
        literal = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        name = sig.callee(call)[0]
        if name in dynamic.IMPORTERS:
            for dotted in dynamic.import_names(m, scope, call):
                self._run_module(m, call, self.locate(m.path, dotted, 0), here, f"`{sig.short(call, 50)}` runs")
        elif name == "setdefault" and literal[:1] == ["DJANGO_SETTINGS_MODULE"] and len(call.args) > 1:
            # "app.settings", or one of the literal choices of `"a" if cond else "b"` / `x or "b"`
            for settings in dict.fromkeys(_literal_choices(call.args[1], 3)):
                self._django(m, call, settings, here)

    def _imported_function(self, m: Module, scope: str, call: ast.Call, here: _Task, site: Location) -> None:
        """`importlib.import_module("bots.runner").run_bot()`, or `module.run_bot()` after
        `module = import_module(...)`: the function of that module."""
        for inner in dynamic.import_calls(m, call.func.value):  # type: ignore[union-attr]
            for dotted in dynamic.import_names(m, scope, inner):
                located = self.locate(m.path, dotted, 0)
                if located and located[1]:
                    attr = call.func.attr  # type: ignore[union-attr]
                    self.enter(here, located[1], attr, Step(site, f"calls `{attr}` in {located[1]}"))

    def _django(self, m: Module, call: ast.Call, settings: str, here: _Task) -> None:
        located = self.locate(m.path, settings, 0)
        if not located or not located[1]:
            return
        self._run_module(m, call, located, here, "Django loads settings")
        conf = load(self.repo, located[1])
        here = replace(here, trace=here.trace + (Step(m.location(call), f"Django loads settings {located[1]}"),))
        for value in conf.values("INSTALLED_APPS") if conf else ():
            for item in getattr(value, "elts", []):
                app = item.value if isinstance(item, ast.Constant) and isinstance(item.value, str) else ""
                if not app or app.startswith(("django.", "rest_framework")):
                    continue
                module = app.rsplit(".", 1)[0] if ".apps." in app else f"{app}.apps"
                self._run_module(conf, item, self.locate(conf.path, module, 0), here, "INSTALLED_APPS loads")

    # -- evidence ---------------------------------------------------------------------------
    @effect(3)
    def emit(self, hit: sig.Hit, m: Module, node: ast.AST, here: _Task) -> None:
        if hit.needs_loop and not here.looped:
            if not self.apart:  # the same unit may also be reached in a loop: keep the two apart
                raise _Apart
            return
        kind = "polling-fallback" if hit.kind == "polling" and here.fallback else hit.kind
        location = m.location(node)
        family = f"scheduler:{m.path}:{location.line}" if hit.family == "scheduler" else hit.family
        key = ("session", family) if kind == "session" else (kind, location)
        failing = here.on_failure if kind in FAILURE_KINDS else ""
        existing = self.found.get(key)
        if existing is not None and not (existing.after and not here.after) and not (
                existing.on_failure and not failing):  # reached while serving, or always, wins
            if here.per_worker and not existing.per_worker:
                self.found[key] = replace(existing, per_worker=True)
            return
        token = self.token(m, hit) if kind in CREDENTIAL_KINDS else ""
        note = f"{hit.note}, only if {failing}" if failing else hit.note
        self.found[key] = Evidence(kind, hit.singleton, location, here.trace + (Step(location, note),),
                                   here.per_worker, family, token, after=here.after, after_location=here.after_at,
                                   on_failure=failing)
        self.hooked[key] = here.hook_of

    # -- calls, methods and classes ---------------------------------------------------------
    def _reach(self, m: Module, scope: str, func: ast.expr, here: _Task, site: Location, note: str = "",
               targets: list | None = None) -> bool:
        targets = self.resolve(m, scope, func) if targets is None else targets
        on = "" if not isinstance(func, ast.Attribute) or sig.chain_words(func.value) in (["self"], ["cls"]) else None
        for kind, path, qual in targets:
            where = "" if path == m.path else f" in {path}"
            if kind == "func":
                cls = qual.rpartition(".")[0] if on is None else ""
                owner = load(self.repo, path) if cls else None
                if owner is not None and isinstance(owner.defs.get(cls), ast.ClassDef) and not isinstance(
                        _receiver_class(m, scope, func), str):
                    where = f" on a `{cls}`{where}"
                self.enter(here, path, qual, Step(site, note or f"calls `{qual}`{where}"))
                made = factory_class(self, m, scope, func, (kind, path, qual))  # `Sub.from_env()`
                if made:
                    self.instantiate(*made, here, site)
            elif kind == "class":
                self.instantiate(path, qual, here, site)
        return bool(targets)

    @effect(1)
    def method_call(self, name: str, here: _Task, site: Location) -> None:
        key = (name, here.per_worker, here.looped and self.apart, here.fallback, here.after, here.on_failure)
        if key in self.methods:
            return
        self.methods[key] = (here, site)
        self._calls_named.setdefault(name, []).append((len(self.methods), key))
        for path, cls in list(self.by_method.get(name, ())):
            self._join(path, cls, name, here, site)

    @effect(2)
    def instantiate(self, path: str, cls: str, here: _Task, site: Location) -> None:
        init = self.method_where(path, cls, "__init__")
        if init:
            self.enter(here, init[0], init[1], Step(site, f"creates a `{cls}` (runs `{init[1]}`)"))
        if (path, cls) in self.instances:
            return
        self.instances.add((path, cls))
        names = self._method_names(path, cls)
        for name in names:
            self.by_method.setdefault(name, []).append((path, cls))
        self.join_overrides((path, cls))
        calls = sorted(call for name in names for call in self._calls_named.get(name, ()))  # in the order met
        for _, key in calls:
            via, where = self.methods[key]
            self._join(path, cls, key[0], via, where)

    def _join(self, path: str, cls: str, name: str, via: _Task, site: Location) -> None:
        """`name` is a method of the class (by_method / _method_names)."""
        where = self.method_where(path, cls, name)
        if where and name != "__init__":
            self.enter(via, where[0], where[1], Step(site, f"calls `{where[1]}` on a `{cls}`"))

    # -- how a server starts the app ----------------------------------------------------------
    def _app_factory(self) -> None:
        """`uvicorn main:create_app --factory`, `gunicorn 'main:create_app()'`: the factory
        runs in every worker."""
        module = load(self.repo, self.entry) if self.app and self.process.app else None
        node = module.defs.get(self.process.app or "") if module else None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            step = Step(module.location(node), f"{self.process.server or 'the server'} calls app factory `{node.name}()`")
            self.push(_Task(self.entry, node.name, (step,), not self.process.preload))

    def _management_command(self) -> None:
        """`python manage.py runbot` runs app/management/commands/runbot.py's Command.handle."""
        if posixpath.basename(self.entry) != "manage.py":
            return
        args = list(self.process.argv)
        after = next((i for i, a in enumerate(args) if a.endswith("manage.py")), len(args))
        command = next((a for a in args[after + 1:] if not a.startswith("-")), "")
        if not re.fullmatch(r"\w+", command):
            return
        for path in self.repo.with_name(f"{command}.py"):
            if path.endswith(f"management/commands/{command}.py"):
                step = Step(self.process.location, f"`manage.py {command}` runs {path}")
                self.push(_Task(path, "", (step,), False))
                self.push(_Task(path, "Command.handle", (step,), False))




def _literal_choices(node: ast.expr, depth: int) -> list[str]:
    """The string literals an expression can evaluate to: a constant, either arm of a
    conditional expression, any operand of `or` (bounded depth: hostile nesting stops)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if depth <= 0:
        return []
    if isinstance(node, ast.IfExp):
        return _literal_choices(node.body, depth - 1) + _literal_choices(node.orelse, depth - 1)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return [v for value in node.values[:8] for v in _literal_choices(value, depth - 1)]
    return []


def _receiver_class(m: Module, scope: str, func: ast.expr) -> str | None:
    """The class name when `func` is written `Cls.method` (a class, not an instance)."""
    root = sig.chain_words(func)[:1]
    local = m.local(root[0], scope) if root else None
    return local if local and isinstance(m.defs.get(local), ast.ClassDef) else None


def _route_fails(repo, trace: tuple, argv: tuple[str, ...]) -> bool:
    """python_argv.route_fails, imported only when a route passes a test at all (as
    code/__init__._by_argv does: most scans never need python_argv)."""
    from .python_condition import is_condition

    if not any(is_condition(step.note) for step in trace):
        return False
    from .python_argv import route_fails

    return route_fails(repo, trace, argv)
