"""What one unit (a module body or a function) does at run time, in order, with the
conditions on the way: calls, `with` blocks, loops, imports, start-up hooks.

A pure summary of the unit's own statements, memoised per (module, unit), so a
function reached from many places is summarised once.
"""
from __future__ import annotations

import ast
from ..record import dataclass, replace

from ..model import MAIN_BLOCK, RELOADER_ONCE, Location, Step
from ..repo import Repo
from . import python_hooks as hooks
from . import python_serving as serving
from . import python_signatures as sig
from .python_module import Module, child_blocks, walk

MAX_EARLY_STEPS = 4  # early-return guards recorded per block (r10py)
# `if TYPE_CHECKING:`, `if typing.TYPE_CHECKING:`: never true at run time
_TYPE_CHECKING = (["TYPE_CHECKING"], ["typing", "TYPE_CHECKING"], ["typing_extensions", "TYPE_CHECKING"])


# -- one unit (module body or function): what it does, in order, with its conditions -------
@dataclass(frozen=True)
class Event:
    what: str  # "call", "with", "loop", "import", "hook", "ready"
    node: ast.AST
    steps: tuple[Step, ...] = ()  # conditions inside the unit on the way to node
    looped: bool = False
    fallback: bool = False  # in a branch whose alternative sets up a webhook
    data: object = None
    after: str = ""  # "`app.run()` returns": written after a blocking server call (python_serving)
    after_at: Location | None = None
    on_failure: str = ""  # in an `except` block: "`app.run_webhook(...)` fails" (starts only then)


@dataclass(frozen=True)
class _Ctx:
    steps: tuple[Step, ...] = ()
    looped: bool = False
    fallback: bool = False
    after: str = ""
    after_at: Location | None = None
    on_failure: str = ""
    early: int = 0  # "when not" steps of early returns on this path (bounded by MAX_EARLY_STEPS)

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
        self._hooks: dict[tuple[str, int], bool] = {}
        self._serving: dict[str, str | None] = {}  # local function -> the serving call it makes
        self._texts: dict[int, str] = {}  # id(an `if` test of this module) -> its text, whole
        self.may_webhook = any(module.mentions(word) for word in ("ebhook", "setup_application", "SimpleRequestHandler"))

    def short(self, node: ast.AST, limit: int) -> str:
        """sig.short of an `if` test, unparsed once (its notes quote it two or three times)."""
        text = self._texts.get(id(node))
        if text is None:
            text = self._texts[id(node)] = sig.short(node, 1 << 30)
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def add(self, what: str, node: ast.AST, ctx: _Ctx, data: object = None) -> None:
        self.events.append(Event(what, node, ctx.steps, ctx.looped, ctx.fallback, data, ctx.after, ctx.after_at,
                                 ctx.on_failure))

    def block(self, stmts: list[ast.stmt], scope: str, ctx: _Ctx) -> None:
        rest_hooks: list[bool] | None = None  # [i]: does stmts[i:] set up a webhook? (computed once)
        for index, stmt in enumerate(stmts):
            if (isinstance(stmt, ast.If) and not stmt.orelse and index + 1 < len(stmts) and ends(stmt.body)
                    and not main_guard(stmt.test) and self.may_webhook):
                if rest_hooks is None:
                    rest_hooks = self._rest_hooks(stmts, index + 1, scope)
                body_hooks = self.webhooky(stmt.body, scope)
                if body_hooks or rest_hooks[index + 1]:
                    # `if WEBHOOK_URL: ...; return` then `run_polling()`: the rest is the else
                    # branch, walked on in this loop (no slice of the rest, no recursion per `if`)
                    ctx = self._split(stmt, scope, ctx, f"when not `{self.short(stmt.test, 40)}` (the if-branch returns)",
                                      body_hooks, rest_hooks[index + 1])
                    continue
            ctx = self.statement(stmt, scope, ctx) or ctx  # an early-return `if` narrows the rest
            if not ctx.after:
                served = serving.blocking_server(stmt, self.m)
                after = f"`{served}` returns" if served else self._serving_call(stmt, scope)
                if after:  # what follows runs only once the server returns
                    ctx = ctx(after=after, after_at=self.m.location(stmt))

    def _serving_call(self, stmt: ast.stmt, scope: str) -> str | None:
        """`run_web()` where this module's `def run_web(): app.run(...)` serves until stopped
        (one level: the function's own statements)."""
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        call = call.value if isinstance(call, ast.Await) else call
        if not isinstance(call, ast.Call) or call.args or call.keywords:
            return None
        qual = self._local_callee(call.func, scope)
        body = getattr(self.m.defs.get(qual or ""), "body", None)
        if not qual or not body:
            return None
        if qual not in self._serving:
            self._serving[qual] = next((found for inner in body[:50]
                                        if (found := serving.blocking_server(inner, self.m))), None)
        served = self._serving[qual]
        return f"`{sig.short(call, 40)}` returns (it calls `{served}`)" if served else None

    def _rest_hooks(self, stmts: list[ast.stmt], start: int, scope: str) -> list[bool]:
        """For every index from `start`: whether the statements from there to the end set up a webhook."""
        hooks = [False] * (len(stmts) + 1)
        for index in range(len(stmts) - 1, start - 1, -1):
            hooks[index] = hooks[index + 1] or self.webhooky([stmts[index]], scope)
        return hooks

    def branches(self, node: ast.If, other: list[ast.stmt], scope: str, ctx: _Ctx, other_note: str) -> None:
        other_ctx = self._split(node, scope, ctx, other_note, self.webhooky(node.body, scope), self.webhooky(other, scope))
        self.block(other, scope, other_ctx)

    def _split(self, node: ast.If, scope: str, ctx: _Ctx, other_note: str, body_hooks: bool, other_hooks: bool) -> _Ctx:
        """The if-branch of `node`, walked here; returns the context of the other branch."""
        self.expressions(node.test, ctx)
        where = self.m.location(node.test)
        once = RELOADER_ONCE if reloader_test(node.test) else ""
        body_ctx = ctx(Step(where, f"if `{self.short(node.test, 50)}`{once}"))
        other_ctx = ctx(Step(where, other_note + once))
        if other_hooks:
            body_ctx = body_ctx(fallback=True)
        if body_hooks:
            other_ctx = other_ctx(fallback=True)
        self.block(node.body, scope, body_ctx)
        return other_ctx

    def statement(self, stmt: ast.stmt, scope: str, ctx: _Ctx) -> _Ctx | None:
        """Walks one statement; returns the context of the statements after it when it
        changes it (`if not lease(): return`), else None."""
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            qual = f"{scope}.{stmt.name}" if scope else stmt.name
            for decorator in stmt.decorator_list:
                self.expressions(decorator, ctx)
                how = hooks.hook_decorator(decorator, stmt.name)
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
            return self.conditional(stmt, scope, ctx)
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
            from .python_match import case_test  # `case "bot":` is `if subject == "bot":`

            for index, case in enumerate(stmt.cases):
                test = case_test(stmt, index)
                shown = ctx(Step(self.m.location(case.pattern), f"if `{self.short(test, 50)}`")) if test else ctx
                self.block(case.body, scope, shown)
        elif getattr(stmt, "handlers", None) and stmt.body:  # try / try* with except blocks
            self.tried(stmt, scope, ctx)
        elif child_blocks(stmt):  # try / try* without handlers
            for block in child_blocks(stmt):
                self.block(block, scope, ctx)
        else:
            self.expressions(stmt, ctx)
            registered = hooks.assigned_hook(stmt)  # `app.router.lifespan_context = lifespan`
            if registered is not None:
                self.add("call", registered, ctx)

    def tried(self, stmt: ast.stmt, scope: str, ctx: _Ctx) -> None:
        """`try: app.run_webhook(...) except ...: app.run_polling()`: when the tried code sets
        up a webhook, an `except` block runs only if that fails, so a poller there is the
        webhook's fallback, never a second copy. Other `except` blocks are ordinary paths
        (`try: asyncio.get_running_loop() except RuntimeError: asyncio.run(main())`)."""
        body: list[ast.stmt] = stmt.body  # type: ignore[attr-defined]
        self.block(body, scope, ctx)
        failing = ctx
        if self.webhooky(body, scope):
            first = body[0].value if isinstance(body[0], ast.Expr) else body[0]
            shown = f"the `try` block (line {first.lineno})" if hasattr(first, "body") else f"`{sig.short(first, 50)}`"
            failing = ctx(fallback=True, on_failure=ctx.on_failure or f"{shown} fails")
        for handler in stmt.handlers:  # type: ignore[attr-defined]
            self.block(handler.body, scope, failing)
        self.block(stmt.orelse, scope, ctx)  # type: ignore[attr-defined]
        self.block(stmt.finalbody, scope, ctx)  # type: ignore[attr-defined]

    def conditional(self, stmt: ast.If, scope: str, ctx: _Ctx) -> _Ctx | None:
        if main_guard(stmt.test):
            if self.as_main:
                self.block(stmt.body, scope, ctx(Step(self.m.location(stmt.test), MAIN_BLOCK)))
            self.block(stmt.orelse, scope, ctx)
        elif sig.chain_words(stmt.test) in _TYPE_CHECKING or always_false(stmt.test, self.m, scope):
            self.block(stmt.orelse, scope, ctx)
        else:
            self.branches(stmt, stmt.orelse, scope, ctx, f"else of `if {self.short(stmt.test, 40)}`")
            if not stmt.orelse and ctx.early < MAX_EARLY_STEPS and ends(stmt.body):
                # `if not lease(): return` / `if DYNO != "worker.1": return`: what follows runs when the
                # test fails (r10py). A few per path only: every later event carries these steps.
                return ctx(Step(self.m.location(stmt.test), f"when not `{self.short(stmt.test, 40)}` (the if-branch "
                                                            "returns)"), early=ctx.early + 1)
        return None

    def expressions(self, node: ast.AST, ctx: _Ctx) -> None:
        for sub in walk(node):  # ast.walk's order, without the leaves no call sits in
            if type(sub) is ast.Call:
                self.add("call", sub, ctx)

    def webhooky(self, stmts: list[ast.stmt], scope: str, depth: int = 1) -> bool:
        """Does this branch set up a webhook (itself or in a function of this module it calls)?"""
        if not self.may_webhook:
            return False
        for stmt in stmts:
            for node in walk(stmt):
                if type(node) is not ast.Call:
                    continue
                if sig.webhook_call(node, self.m):
                    return True
                qual = self._local_callee(node.func, scope) if depth else None
                if qual and self._function_hooks(qual, depth - 1):
                    return True
        return False

    def _function_hooks(self, qual: str, depth: int) -> bool:
        """webhooky of a local function's body, once per function (called from many places)."""
        key = (qual, depth)
        if key not in self._hooks:
            self._hooks[key] = False  # a recursive function: no webhook found through itself
            self._hooks[key] = self.webhooky(getattr(self.m.defs[qual], "body", []), qual, depth)
        return self._hooks[key]

    def _local_callee(self, func: ast.expr, scope: str) -> str | None:
        if isinstance(func, ast.Name):
            return self.m.local(func.id, scope)
        if isinstance(func, ast.Attribute) and sig.chain_words(func.value) == ["self"]:
            cls = self.m.class_of(scope)
            qual = f"{cls}.{func.attr}" if cls else None
            return qual if qual in self.m.defs else None
        return None


def main_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides)


def ends(body: list[ast.stmt]) -> bool:
    last = body[-1] if body else None
    if isinstance(last, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    return (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and sig.chain_words(last.value.func)[-1:] in (["exit"], ["quit"], ["_exit"]))



# what a dev reloader's two processes tell apart: werkzeug's helper and the variables
# werkzeug (WERKZEUG_RUN_MAIN) and Django's autoreloader (RUN_MAIN) set in the child
_RELOADER_MARKERS = ("is_running_from_reloader", "WERKZEUG_RUN_MAIN", "RUN_MAIN")


def reloader_test(test: ast.expr) -> bool:
    """`if not is_running_from_reloader():`, `if os.environ.get("WERKZEUG_RUN_MAIN") == "true":`:
    exactly one of the reloader's two processes takes each branch."""
    for node in ast.walk(test):
        text = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else "")
        if text in _RELOADER_MARKERS:
            return True
    return False


def always_false(test: ast.expr, m: Module, scope: str) -> bool:
    """`if False:`, `if 0:`, and a flag the module sets once to a false literal
    (`ENABLE_BOT = False` ... `if ENABLE_BOT and ...:`): the branch never runs."""
    if isinstance(test, ast.Constant):
        return not test.value and test.value is not ...
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(always_false(value, m, scope) for value in test.values[:16])
    if isinstance(test, ast.Name) and test.id not in m.bindings:
        function = m.defs.get(scope) if scope else None
        args = getattr(function, "args", None)
        if args is not None and test.id in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
            return False
        values = m.values(test.id, 2)  # is there exactly one?
        if not (len(values) == 1 and isinstance(values[0], ast.Constant) and not values[0].value
                and values[0].value is not ...):
            return False
        m.parse_mentioning(test.id)  # `global x`, `x |= ...`, `for x in`, `del x` in a block (_rebound)
        return test.id not in _rebound(m)
    return False


def _rebound(m: Module) -> frozenset[str]:
    """Names the module binds other than by `=`: `x |= ...`, `for x in`, `global x`, `del x`
    (one walk per module, kept on it)."""
    cached = getattr(m, "_rebound_names", None)
    if cached is None or cached[0] != m.version:
        names: set[str] = set()
        for node in walk(m.tree, True):  # the blocks that mention the name asked for are parsed (values)
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                names.update(n.id for n in ast.walk(node.target) if isinstance(n, ast.Name))
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                names.update(node.names)
            elif isinstance(node, ast.Delete):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        cached = (m.version, frozenset(names))
        m._rebound_names = cached  # type: ignore[attr-defined]
    return cached[1]
