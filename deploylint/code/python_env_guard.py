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
from .python_signatures import env_name

from .python_condition import UNKNOWN as _UNKNOWN, evaluate, is_condition, taken


def filter_by_environment(repo: Repo, found: list[Evidence], env: Mapping[str, object]) -> list[Evidence]:
    """`found` without the Python evidence an environment test keeps from running here."""
    if not env or not found:
        return found
    return [e for e in found if _runs(repo, e, env) is not False]


def _runs(repo: Repo, evidence: Evidence, env: Mapping[str, object]) -> bool | None:
    for step in evidence.trace:
        if not step.location.path.endswith(".py") or not is_condition(step.note):
            continue
        test = _test_at(repo, step.location)
        if test is None:
            continue
        if taken(step.note, _truth(repo, step.location.path, test, env)) is False:
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


def _truth(repo: Repo, path: str, node: ast.expr, env: Mapping[str, object], depth: int = 0):
    """The value of `node` (a str, bool or None) when it is made of environment reads and
    literals the process's environment decides; _UNKNOWN otherwise."""
    def lookup(leaf, at: int):
        if isinstance(leaf, ast.Name):
            bound = _bindings(repo, path).get(leaf.id)
            return evaluate(bound, lookup, at + 1) if bound is not None else _UNKNOWN
        name = env_name(leaf)
        if name is not None and not (isinstance(leaf, ast.Call) and any(k.arg == "cast" for k in leaf.keywords)):
            return _read(name, env)
        return _UNKNOWN
    return evaluate(node, lookup, depth)


def _read(name: str, env: Mapping[str, object]):
    if name not in env:
        return _UNKNOWN  # may be set where the deployment config does not show it
    value = env[name]
    if value is None:
        return _UNKNOWN
    text = str(value)
    return _UNKNOWN if "$" in text else text
