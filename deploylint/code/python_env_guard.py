"""Python singletons behind an environment flag, decided by the process's configured
environment: `if os.getenv("RUN_BOT") == "true": start_polling()` does not poll in a
compose service that sets `RUN_BOT: "false"`.

The walk (python_summary) records each `if` on the way to a singleton as a Step at the
test's location. This reads those tests back from the source and evaluates the ones made
of environment reads and literals: `os.getenv("X")`, `os.environ.get("X", "0")`,
`os.environ["X"]`, `config("X")`, with `.lower()`/`.strip()`, `==`/`!=`/`in`/`not in`,
truthiness, `not`, `and`/`or`, and a module-level name bound once to such an expression
(`RUN_BOT = os.getenv("RUN_BOT", "0") == "1"`). A variable decides only when the process
sets it (compose `environment`/`env_file`, Dockerfile `ENV`, an inline `X=1 cmd`); one the
deployment config never sets may come from a dashboard, so its test stays undecided and
the singleton is kept, as before.
"""
from __future__ import annotations

import ast
from typing import Mapping

from ..model import Evidence, Location
from ..repo import Repo
from .python_values import env_name

from .python_condition import UNKNOWN as _UNKNOWN, evaluate, is_condition, taken


def filter_by_environment(repo: Repo, found: list[Evidence], env: Mapping[str, object], process=None) -> list[Evidence]:
    """`found` without the Python evidence an environment test keeps from running here
    (`process` given: also through a settings object's fields, python_settings)."""
    if not env or not found:
        return found
    resolver = _Resolvers(repo, process)
    return [e for e in found if _runs(repo, e, env, resolver) is not False]


class _Resolvers:
    """The process's import resolver, made the first time a settings field is asked."""

    def __init__(self, repo: Repo, process):
        self.repo, self.process, self._made = repo, process, None

    def get(self):
        if self._made is None and self.process is not None:
            from .python_resolve import Resolver

            self._made = Resolver(self.repo, self.process)
        return self._made


def _runs(repo: Repo, evidence: Evidence, env: Mapping[str, object], resolver=None) -> bool | None:
    for step in evidence.trace:
        if not step.location.path.endswith(".py") or not is_condition(step.note):
            continue
        test = _test_at(repo, step.location)
        if test is None:
            continue
        if taken(step.note, _truth(repo, step.location.path, test, env, resolvers=resolver)) is False:
            return False
    return None


def _tree(repo: Repo, path: str) -> ast.Module | None:
    """The module the walk parsed (python_module.load, memoised): no parse of its own."""
    from .python_module import load

    module = load(repo, path)
    return module.tree if module is not None else None


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _test_at(repo: Repo, where: Location) -> ast.expr | None:
    """The `if`/`while` test (or a conditional expression's) that starts at `where`: found by
    descending from the module through the statements whose lines hold it (no walk of the
    whole file), memoised per place."""
    return repo.memo(("python-env-guard-test", where.path, where.line, where.column), lambda: _find_test(repo, where))


def _find_test(repo: Repo, where: Location) -> ast.expr | None:
    node: ast.AST | None = _tree(repo, where.path)
    innermost = None
    for _ in range(200):  # nesting depth
        inner = None
        for field in _BLOCKS if node is not None else ():
            for child in getattr(node, field, None) or ():
                if isinstance(child, ast.match_case):  # no position of its own: its pattern to its last statement
                    start, end = child.pattern.lineno, child.body[-1].end_lineno or child.pattern.lineno
                else:
                    start, end = getattr(child, "lineno", 0), getattr(child, "end_lineno", None) or getattr(child, "lineno", 0)
                if start <= where.line <= end:
                    inner = child
                    break
            if inner is not None:
                break
        if inner is None:
            break
        if isinstance(inner, (ast.If, ast.While)) and inner.test.lineno == where.line:
            tests = [inner.test]
            return tests[0]
        if isinstance(inner, ast.Match):  # `case "bot":` (python_match)
            from .python_match import case_test

            for index, case in enumerate(inner.cases):
                if case.pattern.lineno == where.line and case.pattern.col_offset + 1 == where.column:
                    return case_test(inner, index)
        innermost = node = inner
    if innermost is None:
        return None
    try:  # a conditional expression in the innermost statement
        tests = [n.test for n in ast.walk(innermost) if isinstance(n, ast.IfExp) and n.test.lineno == where.line]
    except RecursionError:
        return None
    if len(tests) == 1:
        return tests[0]
    return next((t for t in tests if t.col_offset + 1 == where.column), None)


def _bindings(repo: Repo, path: str) -> dict[str, ast.expr]:
    """Module-level names bound exactly once by `NAME = expr`."""
    def index() -> dict[str, ast.expr]:
        tree = _tree(repo, path)
        counts: dict[str, int] = {}
        values: dict[str, ast.expr] = {}
        for stmt in tree.body if tree is not None else ():
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(
                stmt, (ast.AnnAssign, ast.AugAssign)) else []
            for target in targets:
                if isinstance(target, ast.Name):
                    counts[target.id] = counts.get(target.id, 0) + 1
                    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                        values[target.id] = stmt.value
        return {name: value for name, value in values.items() if counts.get(name) == 1}
    return repo.memo(("python-env-guard-bindings", path), index)


def _truth(repo: Repo, path: str, node: ast.expr, env: Mapping[str, object], depth: int = 0, resolvers=None):
    """The value of `node` (a str, bool or None) when it is made of environment reads and
    literals the process's environment decides; _UNKNOWN otherwise."""
    def lookup(leaf, at: int):
        if isinstance(leaf, ast.Name):
            bound = _bindings(repo, path).get(leaf.id)
            if bound is None and getattr(node, "lineno", 0):  # `group = os.environ.get(...)` in the function
                bound = _local(repo, path, node.lineno, leaf.id)
            return evaluate(bound, lookup, at + 1) if bound is not None else _UNKNOWN
        name = env_name(leaf)
        if name is not None and not (isinstance(leaf, ast.Call) and any(k.arg == "cast" for k in leaf.keywords)):
            return _read(name, env)
        returned = _returned(repo, path, leaf) if at < 8 else None  # `if in_worker_dyno():`, a one-line helper
        if returned is not None:
            return _truth(repo, path, returned, env, at + 1, resolvers)
        if _bool_read(leaf):  # `env.bool("USE_WEBHOOK")` (environs)
            from .python_settings import boolean

            return boolean(_read(_bool_read(leaf), env))
        resolver = resolvers.get() if resolvers is not None and isinstance(leaf, ast.Attribute) else None
        if resolver is not None and isinstance(leaf.value, ast.Name):  # `settings.use_webhook`
            from .python_module import load
            from .python_settings import field_value

            module = load(repo, path)
            if module is not None:
                return field_value(resolver, module, leaf, env, lambda owner, expr: _truth(
                    repo, owner.path, expr, env, at + 1, resolvers))
        return _UNKNOWN
    return evaluate(node, lookup, depth)


def _returned(repo: Repo, path: str, leaf) -> ast.expr | None:
    """`helper()` where the module defines `def helper(): return <expr>` (no parameters, one
    statement besides a docstring): that expression."""
    if not (isinstance(leaf, ast.Call) and isinstance(leaf.func, ast.Name) and not leaf.args and not leaf.keywords):
        return None
    tree = _tree(repo, path)
    node = next((s for s in (tree.body if tree is not None else ())
                 if isinstance(s, ast.FunctionDef) and s.name == leaf.func.id), None)
    if node is None or node.args.args or node.args.posonlyargs or node.args.kwonlyargs or node.decorator_list:
        return None
    body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None


def _local(repo: Repo, path: str, line: int, name: str) -> ast.expr | None:
    """What `name = expr` binds, once, in the function (or module-level block) holding `line`:
    its own statements and those of the blocks on the way to the line."""
    def index() -> dict[str, ast.expr]:
        from .python_argparse import _scopes

        tree = _tree(repo, path)
        if tree is None:
            return {}
        counts: dict[str, int] = {}
        values: dict[str, ast.expr] = {}
        for stmt in _scopes(tree, line)[0][:500]:
            try:
                stores = [n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
            except RecursionError:
                return {}
            for stored in stores:
                counts[stored] = counts.get(stored, 0) + 1
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                values[stmt.targets[0].id] = stmt.value
        return {key: value for key, value in values.items() if counts.get(key) == 1}
    return repo.memo(("python-env-guard-locals", path, line), index).get(name)


def _bool_read(leaf) -> str | None:
    """The variable of `env.bool("X")` (environs, marshmallow's bool words)."""
    if not isinstance(leaf, ast.Call) or not leaf.args or not isinstance(leaf.args[0], ast.Constant) or \
            not isinstance(leaf.args[0].value, str):
        return None
    func = leaf.func
    if isinstance(func, ast.Attribute) and func.attr == "bool" and isinstance(func.value, ast.Name) and \
            func.value.id == "env":
        return leaf.args[0].value
    return None


def _read(name: str, env: Mapping[str, object]):
    if name not in env:
        return _UNKNOWN  # may be set where the deployment config does not show it
    value = env[name]
    if value is None:
        return _UNKNOWN
    text = str(value)
    return _UNKNOWN if "$" in text else text
