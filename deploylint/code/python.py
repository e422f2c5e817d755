"""Singleton evidence in the Python code a process runs at start-up, read with `ast`
(never imported, never run).

From the entry file, what runs at start-up is: module-level statements, the `__main__`
block (script and `-m` mode, not when a server imports the app), functions called from
reached code (directly, through asyncio, threads and executors, or as methods of
instantiated classes, matched by name), start-up hooks (FastAPI/Starlette on_event and
lifespan, aiohttp on_startup, Flask before_first_request, Django AppConfig.ready...),
and the module-level code of every repository module imported on the way. What a
reached call starts is python_signatures' business.

Parsed modules and per-function summaries are memoised on the Repo, so many processes
that share modules cost one parse.
"""
from __future__ import annotations

import ast
import posixpath
import re
from collections import deque
from dataclasses import dataclass, replace

from ..model import Evidence, Location, Process, Step
from ..repo import Repo, join
from . import python_signatures as sig

MAX_UNITS = 5000  # reached functions and modules per scan: a bound for pathological repos
CREDENTIAL_KINDS = ("polling", "polling-fallback", "webhook", "gateway", "session")
NOT_CREDENTIALS = re.compile(r"URL|HOST|PORT|PATH|WEBHOOK|DEBUG|MODE|ENV")


def scan(repo: Repo, process: Process) -> list[Evidence]:
    if not process.entry or process.kind not in ("python-script", "python-module", "python-app"):
        return []
    key = ("python-scan", process.kind, process.entry, process.app, process.preload, process.argv, process.hooks)
    return list(repo.memo(key, lambda: _Walker(repo, process).run()))


# -- one module: parse once, index what signatures and the walker ask -----------------------
@dataclass(frozen=True)
class Binding:
    """A name bound by an import: `from .m import f as g` -> Binding("m", "f", 1)."""

    module: str
    attr: str | None
    level: int


class Module:
    def __init__(self, path: str, tree: ast.Module, text: str):
        self.path = path
        self.tree = tree
        self.text = text
        self.lines = text.splitlines()
        self.hits: dict[tuple, list] = {}  # (node id, libraries) -> signature hits, shared by scans
        self.bindings: dict[str, Binding] = {}
        self.stars: list[Binding] = []  # `from x import *`
        self.libs: set[str] = set()  # top-level packages imported absolutely
        self.defs: dict[str, ast.AST] = {}  # "main", "Bot", "Bot.run", "main.inner"
        self._assigned: dict[str, list[ast.expr]] | None = None  # "TOKEN" or ".attr" -> values
        self._env_names: list[str] = []
        nested: list[ast.stmt] = []
        self._collect(tree.body, "", nested)
        for stmt in nested:  # imports inside functions bind too, but module-level ones win
            self._import(stmt)

    def _collect(self, body: list[ast.stmt], prefix: str, nested: list[ast.stmt]) -> None:
        """Definitions and imports, visiting statements only (expressions are not needed)."""
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qual = f"{prefix}.{stmt.name}" if prefix else stmt.name
                self.defs.setdefault(qual, stmt)
                self._collect(stmt.body, qual, nested)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                if prefix:
                    nested.append(stmt)
                else:
                    self._import(stmt)
            else:
                for block in _child_blocks(stmt):
                    self._collect(block, prefix, nested)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                self.libs.add(top)
                self.bindings.setdefault(alias.asname or top, Binding(alias.name if alias.asname else top, None, 0))
            return
        if not node.level and node.module:
            self.libs.add(node.module.split(".")[0])
        for alias in node.names:
            if alias.name == "*":
                self.stars.append(Binding(node.module or "", None, node.level))
            else:
                self.bindings.setdefault(alias.asname or alias.name, Binding(node.module or "", alias.name, node.level))

    @property
    def assigned(self) -> dict[str, list[ast.expr]]:
        """Assignments and environment reads, indexed on first use (most modules never need them)."""
        if self._assigned is None:
            self._assigned = {}
            for node in ast.walk(self.tree):
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        self._assign(target, node.value)
                elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                    self._assign(node.optional_vars, node.context_expr)
                elif isinstance(node, (ast.Call, ast.Subscript)):
                    name = sig.env_name(node)
                    if name:
                        self._env_names.append(name)
        return self._assigned

    @property
    def env_names(self) -> list[str]:
        """Environment variables read anywhere in the module."""
        _ = self.assigned
        return self._env_names

    def _assign(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts):
                    self._assign(t, v)
            return
        key = target.id if isinstance(target, ast.Name) else "." + target.attr if isinstance(target, ast.Attribute) else None
        if key:
            self._assigned.setdefault(key, []).append(value)  # type: ignore[union-attr]

    # -- the Facts protocol of python_signatures -------------------------------------------
    def qualified(self, expr: ast.AST) -> str:
        words: list[str] = []
        while isinstance(expr, ast.Attribute):
            words.append(expr.attr)
            expr = expr.value
        if isinstance(expr, ast.Name):
            binding = self.bindings.get(expr.id)
            root = expr.id
            if binding is not None and not binding.level:
                root = f"{binding.module}.{binding.attr}" if binding.attr else binding.module
            words.append(root)
        return ".".join(reversed(words))

    def imported_module(self, name: str) -> bool:
        binding = self.bindings.get(name)
        return binding is not None and binding.attr is None

    def values(self, key: str) -> list[ast.expr]:
        return self.assigned.get(key, [])

    def mentions(self, word: str) -> bool:
        return word in self.text

    def classify(self, call: ast.Call, libs: frozenset[str]) -> list[sig.Hit]:
        key = (id(call), libs)
        if key not in self.hits:
            self.hits[key] = sig.classify(call, self, libs)
        return self.hits[key]

    # -- names in scope -------------------------------------------------------------------------
    def local(self, name: str, scope: str) -> str | None:
        """The definition `name` means inside `scope` (enclosing functions, then the module;
        class bodies are not enclosing scopes)."""
        parts = scope.split(".") if scope else []
        for i in range(len(parts), -1, -1):
            prefix = ".".join(parts[:i])
            if i and isinstance(self.defs.get(prefix), ast.ClassDef):
                continue
            qual = f"{prefix}.{name}" if prefix else name
            if qual in self.defs:
                return qual
        return None

    def class_of(self, scope: str) -> str | None:
        parts = scope.split(".") if scope else []
        for i in range(len(parts), 0, -1):
            prefix = ".".join(parts[:i])
            if isinstance(self.defs.get(prefix), ast.ClassDef):
                return prefix
        return None

    def location(self, node: ast.AST) -> Location:
        line = getattr(node, "lineno", 0)
        end_line = getattr(node, "end_lineno", None) or line
        return Location(self.path, line, self._column(line, getattr(node, "col_offset", 0)) + 1, end_line,
                        self._column(end_line, getattr(node, "end_col_offset", None) or 0) + 1)

    def _column(self, line: int, offset: int) -> int:
        """ast counts UTF-8 bytes; Locations count characters."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return offset if text.isascii() else len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


def _child_blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    blocks = [getattr(stmt, name) for name in ("body", "orelse", "finalbody") if isinstance(getattr(stmt, name, None), list)]
    blocks.extend(h.body for h in getattr(stmt, "handlers", []))
    blocks.extend(c.body for c in getattr(stmt, "cases", []))
    return blocks


def load(repo: Repo, path: str) -> Module | None:
    """The parsed module, or None (unreadable, or DPL001 for invalid Python)."""
    return repo.memo(("python-module", path), lambda: _parse(repo, path))


def _parse(repo: Repo, path: str) -> Module | None:
    text = repo.read_text(path)
    if text is None:
        return None
    try:
        return Module(path, ast.parse(text, filename=path), text)
    except SyntaxError as error:
        repo.problem("DPL001", Location(path, error.lineno or 1, error.offset or 1), f"invalid Python: {error.msg}",
                     "fix the syntax error: deploylint reads this file to find what it starts")
    except (ValueError, RecursionError, MemoryError) as error:
        repo.problem("DPL001", Location(path, 1, 1), f"invalid Python: {error}",
                     "fix the file: deploylint reads it to find what it starts")
    return None


# -- one unit (module body or function): what it does, in order, with its conditions -------
@dataclass(frozen=True)
class Event:
    what: str  # "call", "with", "loop", "import", "hook", "ready"
    node: ast.AST
    steps: tuple[Step, ...] = ()  # conditions inside the unit on the way to node
    looped: bool = False
    fallback: bool = False  # in a branch whose alternative sets up a webhook
    data: object = None


@dataclass(frozen=True)
class _Ctx:
    steps: tuple[Step, ...] = ()
    looped: bool = False
    fallback: bool = False

    def __call__(self, step: Step | None = None, **changes) -> "_Ctx":
        steps = self.steps + (step,) if step else self.steps
        return replace(self, steps=steps, **changes)


def summary(repo: Repo, module: Module, qual: str, as_main: bool) -> list[Event]:
    def compute() -> list[Event]:
        node = module.defs.get(qual) if qual else module.tree
        if node is None:
            return []
        summariser = _Summariser(module, as_main)
        summariser.block(node.body, qual, _Ctx())  # type: ignore[attr-defined]
        return summariser.events

    return repo.memo(("python-unit", module.path, qual, as_main), compute) or []


class _Summariser:
    def __init__(self, module: Module, as_main: bool):
        self.m = module
        self.as_main = as_main
        self.events: list[Event] = []
        self.may_webhook = any(word in module.text for word in ("ebhook", "setup_application", "SimpleRequestHandler"))

    def add(self, what: str, node: ast.AST, ctx: _Ctx, data: object = None) -> None:
        self.events.append(Event(what, node, ctx.steps, ctx.looped, ctx.fallback, data))

    def block(self, stmts: list[ast.stmt], scope: str, ctx: _Ctx) -> None:
        for index, stmt in enumerate(stmts):
            rest = stmts[index + 1:]
            if (isinstance(stmt, ast.If) and not stmt.orelse and rest and _ends(stmt.body)
                    and not _main_guard(stmt.test) and (self.webhooky(stmt.body, scope) or self.webhooky(rest, scope))):
                # `if WEBHOOK_URL: ...; return` then `run_polling()`: the rest is the else branch
                self.branches(stmt, rest, scope, ctx, f"when not `{sig.short(stmt.test, 40)}` (the if-branch returns)")
                return
            self.statement(stmt, scope, ctx)

    def branches(self, node: ast.If, other: list[ast.stmt], scope: str, ctx: _Ctx, other_note: str) -> None:
        self.expressions(node.test, ctx)
        where = self.m.location(node.test)
        body_ctx = ctx(Step(where, f"if `{sig.short(node.test, 50)}`"))
        other_ctx = ctx(Step(where, other_note))
        if self.webhooky(other, scope):
            body_ctx = body_ctx(fallback=True)
        if self.webhooky(node.body, scope):
            other_ctx = other_ctx(fallback=True)
        self.block(node.body, scope, body_ctx)
        self.block(other, scope, other_ctx)

    def statement(self, stmt: ast.stmt, scope: str, ctx: _Ctx) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            qual = f"{scope}.{stmt.name}" if scope else stmt.name
            for decorator in stmt.decorator_list:
                self.expressions(decorator, ctx)
                how = sig.hook_decorator(decorator, stmt.name)
                if how:
                    self.add("hook", decorator, ctx, (qual, how))
        elif isinstance(stmt, ast.ClassDef):
            qual = f"{scope}.{stmt.name}" if scope else stmt.name
            for expr in (*stmt.decorator_list, *stmt.bases, *(k.value for k in stmt.keywords)):
                self.expressions(expr, ctx)
            if any(sig.chain_words(b)[-1:] == ["AppConfig"] for b in stmt.bases) and f"{qual}.ready" in self.m.defs:
                self.add("ready", self.m.defs[f"{qual}.ready"], ctx, f"{qual}.ready")
            self.block(stmt.body, qual, ctx)
        elif isinstance(stmt, ast.If):
            self.conditional(stmt, scope, ctx)
        elif isinstance(stmt, (ast.While, ast.For, ast.AsyncFor)):
            self.expressions(stmt.test if isinstance(stmt, ast.While) else stmt.iter, ctx)
            if not isinstance(stmt, ast.While):
                self.add("loop", stmt, ctx)
            self.block(stmt.body, scope, ctx(looped=True))
            self.block(stmt.orelse, scope, ctx)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self.expressions(item.context_expr, ctx)
                self.add("with", item.context_expr, ctx)
            self.block(stmt.body, scope, ctx)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            self.add("import", stmt, ctx)
        elif isinstance(stmt, ast.Match):
            self.expressions(stmt.subject, ctx)
            for case in stmt.cases:
                self.block(case.body, scope, ctx)
        elif _child_blocks(stmt):  # try / try*
            for block in _child_blocks(stmt):
                self.block(block, scope, ctx)
        else:
            self.expressions(stmt, ctx)

    def conditional(self, stmt: ast.If, scope: str, ctx: _Ctx) -> None:
        if _main_guard(stmt.test):
            if self.as_main:
                self.block(stmt.body, scope, ctx(Step(self.m.location(stmt.test), "the `__main__` block runs")))
            self.block(stmt.orelse, scope, ctx)
        elif sig.chain_words(stmt.test) == ["TYPE_CHECKING"]:
            self.block(stmt.orelse, scope, ctx)
        else:
            self.branches(stmt, stmt.orelse, scope, ctx, f"else of `if {sig.short(stmt.test, 40)}`")

    def expressions(self, node: ast.AST, ctx: _Ctx) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                self.add("call", sub, ctx)

    def webhooky(self, stmts: list[ast.stmt], scope: str, depth: int = 1) -> bool:
        """Does this branch set up a webhook (itself or in a function of this module it calls)?"""
        if not self.may_webhook:
            return False
        for stmt in stmts:
            for node in ast.walk(stmt):
                if not isinstance(node, ast.Call):
                    continue
                if sig.webhook_call(node, self.m):
                    return True
                qual = self._local_callee(node.func, scope) if depth else None
                if qual and self.webhooky(getattr(self.m.defs[qual], "body", []), qual, depth - 1):
                    return True
        return False

    def _local_callee(self, func: ast.expr, scope: str) -> str | None:
        if isinstance(func, ast.Name):
            return self.m.local(func.id, scope)
        if isinstance(func, ast.Attribute) and sig.chain_words(func.value) == ["self"]:
            cls = self.m.class_of(scope)
            qual = f"{cls}.{func.attr}" if cls else None
            return qual if qual in self.m.defs else None
        return None


def _main_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides)


def _ends(body: list[ast.stmt]) -> bool:
    last = body[-1] if body else None
    if isinstance(last, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    return (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and sig.chain_words(last.value.func)[-1:] in (["exit"], ["quit"], ["_exit"]))


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


class _Walker:
    def __init__(self, repo: Repo, process: Process):
        self.repo = repo
        self.process = process
        self.app = process.kind == "python-app"
        self.entry = process.entry or ""
        self.entry_base = self._entry_base()
        self.bases = self._bases()
        self.queue: deque[_Task] = deque()
        self.seen: set[tuple] = set()
        self.found: dict[tuple, Evidence] = {}
        self.methods: dict[tuple, tuple[_Task, Location]] = {}  # method name calls (by name)
        self.instances: set[tuple[str, str]] = set()  # classes instantiated: (path, qual)
        self._located: dict[tuple, tuple[tuple[str, ...], str | None] | None] = {}
        self._libs: dict[str, frozenset[str]] = {}
        self._methods: dict[tuple[str, str], frozenset[str]] = {}

    # -- driving ----------------------------------------------------------------------------
    def run(self) -> list[Evidence]:
        import_per_worker = self.app and not self.process.preload
        for init in self._package_inits():
            self.push(_Task(init, "", (), import_per_worker))
        self.push(_Task(self.entry, "", (), import_per_worker, as_main=not self.app))
        for hook in self.process.hooks:  # gunicorn server hooks, Celery task modules and bodies
            self.push(_Task(hook.path, hook.qual, (hook.step,), hook.per_worker))
        self._app_factory()
        self._management_command()
        count = 0
        while self.queue and count < MAX_UNITS:
            count += 1
            self.visit(self.queue.popleft())
        return sorted(self.found.values(), key=lambda e: (e.location.path, e.location.line, e.location.column, e.kind))

    def push(self, task: _Task) -> None:
        key = (task.path, task.qual, task.per_worker, task.looped, task.fallback, task.as_main)
        if key not in self.seen:
            self.seen.add(key)
            self.queue.append(task)

    def enter(self, via: _Task, path: str, qual: str, step: Step, per_worker: bool | None = None) -> None:
        self.push(_Task(path, qual, via.trace + (step,), via.per_worker if per_worker is None else per_worker,
                        via.looped, via.fallback))

    def visit(self, task: _Task) -> None:
        module = load(self.repo, task.path)
        if module is None:
            return
        for event in summary(self.repo, module, task.qual, task.as_main):
            here = replace(task, trace=task.trace + event.steps, looped=task.looped or event.looped,
                           fallback=task.fallback or event.fallback, as_main=False)
            getattr(self, f"_on_{event.what}")(module, task.qual, event, here)

    # -- events -----------------------------------------------------------------------------
    def _on_call(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        call: ast.Call = event.node  # type: ignore[assignment]
        libs = self.libs_of(m)
        for hit in m.classify(call, libs):
            self.emit(hit, m, call, here)
        site = m.location(call)
        if not self._reach(m, scope, call.func, here, site) and isinstance(call.func, ast.Attribute):
            root = sig.chain_words(call.func.value)[:1]
            if not (root and m.imported_module(root[0])):
                self.method_call(call.func.attr, here, site)
        for ref in sig.callable_arguments(call):
            runs = Step(site, f"`{sig.short(call, 50)}` runs `{sig.short(ref, 40)}`")
            via = replace(here, trace=here.trace + (runs,))
            for hit in sig.classify_reference(ref, m, libs):
                self.emit(hit, m, ref, via)
            self._reach(m, scope, ref, here, site, note=runs.note)
        for ref, how in sig.hook_references(call):
            for kind, path, qual in self.resolve(m, scope, ref):
                if kind == "func":
                    self.enter(here, path, qual, Step(m.location(ref), f"start-up hook `{qual}` ({how})"),
                               per_worker=self.app)
        self._dynamic_import(m, call, here)

    def _on_with(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        for hit in sig.classify_with(event.node, m, self.libs_of(m)):  # type: ignore[arg-type]
            self.emit(hit, m, event.node, here)

    def _on_loop(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        for node, hit in sig.classify_loop(event.node, m):  # type: ignore[arg-type]
            self.emit(hit, m, node, here)

    def _on_hook(self, m: Module, scope: str, event: Event, here: _Task) -> None:
        qual, how = event.data  # type: ignore[misc]
        self.enter(here, m.path, qual, Step(m.location(event.node), f"start-up hook `{qual}` ({how})"),
                   per_worker=self.app)

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

    def _dynamic_import(self, m: Module, call: ast.Call, here: _Task) -> None:
        """importlib.import_module("pkg.mod") and Django's DJANGO_SETTINGS_MODULE."""
        literal = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        name = sig.callee(call)[0]
        if name in ("import_module", "__import__") and literal:
            self._run_module(m, call, self.locate(m.path, literal[0], 0), here, f"`{sig.short(call, 50)}` runs")
        elif name == "setdefault" and literal[:1] == ["DJANGO_SETTINGS_MODULE"] and len(literal) > 1:
            self._django(m, call, literal[1], here)

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
    def emit(self, hit: sig.Hit, m: Module, node: ast.AST, here: _Task) -> None:
        if hit.needs_loop and not here.looped:
            return
        kind = "polling-fallback" if hit.kind == "polling" and here.fallback else hit.kind
        location = m.location(node)
        family = f"scheduler:{m.path}:{location.line}" if hit.family == "scheduler" else hit.family
        key = ("session", family) if kind == "session" else (kind, location)
        existing = self.found.get(key)
        if existing is not None:
            if here.per_worker and not existing.per_worker:
                self.found[key] = replace(existing, per_worker=True)
            return
        token = self.token(m, hit) if kind in CREDENTIAL_KINDS else ""
        self.found[key] = Evidence(kind, hit.singleton, location, here.trace + (Step(location, hit.note),),
                                   here.per_worker, family, token)

    def token(self, m: Module, hit: sig.Hit) -> str:
        """The environment variable the bot's credential comes from, best effort."""
        names: list[str] = []
        seen: set[tuple[str, str]] = set()
        for expr in hit.credentials:
            self._env_in(m, expr, names, seen, 4)
        fallback = [*m.env_names, *(n for path in self._imported_files(m) for n in self._env_names(path))]
        for candidates in (names, fallback):
            tokens = [n for n in candidates if "TOKEN" in n.upper()]
            if tokens:
                return tokens[0]
        return next((n for n in names if not NOT_CREDENTIALS.search(n.upper())), "")

    def _env_in(self, m: Module, expr: ast.AST, out: list[str], seen: set, depth: int) -> None:
        for node in ast.walk(expr):
            name = sig.env_name(node)
            if name:
                out.append(name)
            elif depth and isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                for owner, key in self._definitions(m, node):
                    if (owner.path, key) not in seen:
                        seen.add((owner.path, key))
                        for value in owner.values(key)[:3]:
                            self._env_in(owner, value, out, seen, depth - 1)

    def _definitions(self, m: Module, node: ast.expr) -> list[tuple[Module, str]]:
        """Where a name's value is assigned: this module, or the module it is imported from."""
        if isinstance(node, ast.Attribute):
            root = node.value
            if isinstance(root, ast.Name) and m.imported_module(root.id):
                located = self.locate(m.path, m.bindings[root.id].module, 0)
                owner = load(self.repo, located[1]) if located and located[1] else None
                return [(owner, node.attr)] if owner else []
            return [(m, "." + node.attr)]
        if not isinstance(node, ast.Name):
            return []
        binding = m.bindings.get(node.id)
        if binding is not None and binding.attr:
            located = self.locate(m.path, binding.module, binding.level)
            owner = load(self.repo, located[1]) if located and located[1] else None
            return [(owner, binding.attr)] if owner else []
        return [(m, node.id)]

    def _env_names(self, path: str) -> list[str]:
        module = load(self.repo, path)
        return module.env_names if module else []

    # -- calls, methods and classes ---------------------------------------------------------
    def _reach(self, m: Module, scope: str, func: ast.expr, here: _Task, site: Location, note: str = "") -> bool:
        targets = self.resolve(m, scope, func)
        for kind, path, qual in targets:
            where = "" if path == m.path else f" in {path}"
            if kind == "func":
                self.enter(here, path, qual, Step(site, note or f"calls `{qual}`{where}"))
            elif kind == "class":
                self.instantiate(path, qual, here, site)
        return bool(targets)

    def method_call(self, name: str, here: _Task, site: Location) -> None:
        key = (name, here.per_worker, here.looped, here.fallback)
        if key in self.methods:
            return
        self.methods[key] = (here, site)
        for path, cls in list(self.instances):
            self._join(path, cls, name, here, site)

    def instantiate(self, path: str, cls: str, here: _Task, site: Location) -> None:
        init = self.method_of(path, cls, "__init__")
        if init:
            self.enter(here, path, init, Step(site, f"creates a `{cls}` (runs `{init}`)"))
        if (path, cls) in self.instances:
            return
        self.instances.add((path, cls))
        for (name, *_), (via, where) in list(self.methods.items()):
            self._join(path, cls, name, via, where)

    def _join(self, path: str, cls: str, name: str, via: _Task, site: Location) -> None:
        qual = self.method_of(path, cls, name) if name in self._method_names(path, cls) else None
        if qual and name != "__init__":
            self.enter(via, path, qual, Step(site, f"calls `{qual}` on a `{cls}`"))

    def _method_names(self, path: str, cls: str, depth: int = 3) -> frozenset[str]:
        """Every method name `cls` has, with those of its repository base classes."""
        key = (path, cls)
        if key not in self._methods:
            self._methods[key] = frozenset()  # a class hierarchy cycle sees nothing more
            m = load(self.repo, path)
            node = m.defs.get(cls) if m else None
            names: set[str] = set()
            if isinstance(node, ast.ClassDef):
                names = {s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
                if "run" in names:
                    names.add("start")  # a Thread subclass's start() runs run(); method_of checks the base
                for base in node.bases if depth else ():
                    for kind, base_path, base_qual in self.resolve(m, "", base):
                        if kind == "class":
                            names |= self._method_names(base_path, base_qual, depth - 1)
            self._methods[key] = frozenset(names)
        return self._methods[key]

    def method_of(self, path: str, cls: str, name: str, depth: int = 3) -> str | None:
        """`cls.name` or the same method of a repository base class; a Thread subclass's
        `start()` runs its `run()`."""
        m = load(self.repo, path)
        node = m.defs.get(cls) if m else None
        if not isinstance(node, ast.ClassDef):
            return None
        if isinstance(m.defs.get(f"{cls}.{name}"), (ast.FunctionDef, ast.AsyncFunctionDef)):
            return f"{cls}.{name}"
        if name == "start" and any(sig.chain_words(b)[-1:] in (["Thread"], ["Process"]) for b in node.bases):
            return self.method_of(path, cls, "run", depth)
        for base in node.bases if depth else ():
            for kind, base_path, base_qual in self.resolve(m, "", base):
                if kind == "class":
                    found = self.method_of(base_path, base_qual, name, depth - 1)
                    if found:
                        return found
        return None

    def resolve(self, m: Module, scope: str, expr: ast.expr) -> list[tuple[str, str, str]]:
        """What a callee expression names: ("func" | "class" | "module", path, qualname)."""
        if isinstance(expr, ast.Name):
            local = m.local(expr.id, scope)
            if local:
                return [self._kind(m, local)]
            binding = m.bindings.get(expr.id)
            if binding is not None:
                return self._follow(m.path, binding, [], 0)
            return next((r for star in m.stars if (r := self._lookup(m.path, star.module, star.level, [expr.id], 1))), [])
        words = sig.chain_words(expr) if isinstance(expr, ast.Attribute) else []
        if not words or not isinstance(_chain_root(expr), ast.Name):
            return []
        root, rest = words[0], words[1:]
        if root in ("self", "cls") and len(rest) == 1:
            cls = m.class_of(scope)
            qual = self.method_of(m.path, cls, rest[0]) if cls else None
            return [("func", m.path, qual)] if qual else []
        local = m.local(root, scope)
        if local and isinstance(m.defs[local], ast.ClassDef) and len(rest) == 1:
            qual = self.method_of(m.path, local, rest[0])
            return [("func", m.path, qual)] if qual else []
        binding = m.bindings.get(root)
        return self._follow(m.path, binding, rest, 0) if binding is not None and not local else []

    @staticmethod
    def _kind(m: Module, qual: str) -> tuple[str, str, str]:
        return ("class" if isinstance(m.defs[qual], ast.ClassDef) else "func", m.path, qual)

    def _follow(self, importer: str, binding: Binding, rest: list[str], depth: int):
        names = ([binding.attr] if binding.attr else []) + rest
        return self._lookup(importer, binding.module, binding.level, names, depth)

    def _lookup(self, importer: str, dotted: str, level: int, names: list[str], depth: int):
        located = self.locate(importer, dotted, level)
        if located is None or depth > 6:
            return []
        for index, name in enumerate(names):
            sub = f"{dotted}.{name}" if dotted else name
            sub_located = self.locate(importer, sub, level)
            if sub_located is not None:
                dotted, located = sub, sub_located
                continue
            return self._attribute(located[1], names[index:], depth) if located[1] else []
        return [("module", located[1], "")] if located[1] else []

    def _attribute(self, path: str, names: list[str], depth: int):
        m = load(self.repo, path)
        if m is None:
            return []
        name, rest = names[0], names[1:]
        if name in m.defs:
            kind = self._kind(m, name)
            if kind[0] == "class" and rest:
                qual = self.method_of(path, name, rest[0])
                return [("func", path, qual)] if qual else []
            return [kind]
        binding = m.bindings.get(name)
        if binding is not None:
            return self._follow(path, binding, rest, depth + 1)
        return next((r for star in m.stars if (r := self._lookup(path, star.module, star.level, names, depth + 1))), [])

    # -- modules and files ------------------------------------------------------------------
    def locate(self, importer: str, dotted: str, level: int) -> tuple[tuple[str, ...], str | None] | None:
        """(files an import runs, in order; the module's own file or None for a namespace
        package), or None when the module is not in the repository."""
        key = (posixpath.dirname(importer), dotted, level)
        if key not in self._located:
            self._located[key] = self._locate(importer, dotted, level)
        return self._located[key]

    def _locate(self, importer: str, dotted: str, level: int):
        parts = dotted.split(".") if dotted else []
        if level:
            base = posixpath.dirname(importer)
            for _ in range(level - 1):
                base = posixpath.dirname(base)
            bases = [base]
        elif not parts:
            return None
        else:
            directory = posixpath.dirname(importer)
            bases = list(dict.fromkeys((directory, *self.bases, _package_parent(self.repo, directory), "")))
        for base in bases:
            stem = join(base, "/".join(parts)) if parts else base
            if parts and not (self.repo.exists(stem + ".py") or self.repo.is_dir(stem)):
                continue
            run = []
            for i in range(1, len(parts) + 1):
                prefix = join(base, "/".join(parts[:i]))
                if self.repo.exists(join(prefix, "__init__.py")):
                    run.append(join(prefix, "__init__.py"))
                elif i == len(parts) and self.repo.exists(prefix + ".py"):
                    run.append(prefix + ".py")
            if not parts and self.repo.exists(join(base, "__init__.py")):
                run.append(join(base, "__init__.py"))
            own = run[-1] if run and run[-1] in (stem + ".py", join(stem, "__init__.py")) else None
            return tuple(run), own
        return None

    def _bases(self) -> list[str]:
        """Where the process's imports start: the module-name base (`-m pkg.mod`,
        `uvicorn app.main:app`), the entry's directory, the top of its package."""
        bases = [self.entry_base] if self.entry_base is not None else []
        cwd = getattr(self.process, "cwd", None)  # when Process carries the working directory
        bases += [cwd] if isinstance(cwd, str) else []
        directory = posixpath.dirname(self.entry)
        return [*bases, directory, _package_parent(self.repo, directory)]

    def _entry_base(self) -> str | None:
        for arg in self.process.argv[1:]:
            name = arg.split(":")[0].removesuffix(".py")
            if not re.fullmatch(r"[A-Za-z_][\w.]*", name):
                continue
            rel = name.replace(".", "/")
            for suffix in (".py", "/__init__.py", "/__main__.py"):
                tail = rel + suffix
                if self.entry == tail:
                    return ""
                if self.entry.endswith("/" + tail):
                    return self.entry[: -len(tail) - 1]
        return None

    def _package_inits(self) -> list[str]:
        """Packages Python imports before a `-m` module or an app module."""
        if self.process.kind == "python-script" or self.entry_base is None:
            return []
        inits = []
        directory = posixpath.dirname(self.entry)
        while directory and directory != self.entry_base:
            init = join(directory, "__init__.py")
            if self.repo.exists(init) and init != self.entry:
                inits.append(init)
            directory = posixpath.dirname(directory)
        return inits[::-1]

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
        for path in self.repo.named(lambda name: name == f"{command}.py"):
            if path.endswith(f"management/commands/{command}.py"):
                step = Step(self.process.location, f"`manage.py {command}` runs {path}")
                self.push(_Task(path, "", (step,), False))
                self.push(_Task(path, "Command.handle", (step,), False))

    def libs_of(self, m: Module) -> frozenset[str]:
        """Libraries the module imports, and those of the repository modules it imports
        (`from bot import application` counts as using python-telegram-bot)."""
        if m.path not in self._libs:
            libs = set(m.libs)
            for path in self._imported_files(m):
                module = load(self.repo, path)
                libs |= module.libs if module else set()
            self._libs[m.path] = frozenset(libs)
        return self._libs[m.path]

    def _imported_files(self, m: Module) -> list[str]:
        files: list[str] = []
        for binding in m.bindings.values():
            for dotted in (binding.module, f"{binding.module}.{binding.attr}" if binding.attr else None):
                located = self.locate(m.path, dotted, binding.level) if dotted is not None else None
                if located and located[1] and located[1] != m.path and located[1] not in files:
                    files.append(located[1])
        return files


def _chain_root(expr: ast.expr) -> ast.expr:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr


def _package_parent(repo: Repo, directory: str) -> str:
    """The directory above the outermost package that `directory` is in."""
    while directory and repo.exists(join(directory, "__init__.py")):
        directory = posixpath.dirname(directory)
    return directory
