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

from ..model import Evidence, Location, Step
from ..repo import Repo
from .python_signatures import env_name

_UNKNOWN = object()
_ELSE_PREFIXES = ("else of `if ", "when not `")


def filter_by_environment(repo: Repo, found: list[Evidence], env: Mapping[str, object]) -> list[Evidence]:
    """`found` without the Python evidence an environment test keeps from running here."""
    if not env or not found:
        return found
    return [e for e in found if _runs(repo, e, env) is not False]


def _runs(repo: Repo, evidence: Evidence, env: Mapping[str, object]) -> bool | None:
    for step in evidence.trace:
        if not step.location.path.endswith(".py") or not _is_condition(step):
            continue
        test = _test_at(repo, step.location)
        if test is None:
            continue
        value = _truth(repo, step.location.path, test, env, 0)
        if value is _UNKNOWN:
            continue
        taken = bool(value) if not step.note.startswith(_ELSE_PREFIXES) else not value
        if not taken:
            return False
    return None


def _is_condition(step: Step) -> bool:
    return step.note.startswith("if `") or step.note.startswith(_ELSE_PREFIXES)


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


def _truth(repo: Repo, path: str, node: ast.expr, env: Mapping[str, object], depth: int):
    """The value of `node` (a str, bool or None) when it is made of environment reads and
    literals the process's environment decides; _UNKNOWN otherwise."""
    if depth > 12:
        return _UNKNOWN
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bool, int, type(None))):
        return node.value
    if isinstance(node, ast.Name):
        bound = _bindings(repo, path).get(node.id)
        return _truth(repo, path, bound, env, depth + 1) if bound is not None else _UNKNOWN
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        value = _truth(repo, path, node.operand, env, depth + 1)
        return _UNKNOWN if value is _UNKNOWN else not value
    if isinstance(node, ast.BoolOp):
        values = [_truth(repo, path, v, env, depth + 1) for v in node.values[:8]]
        if isinstance(node.op, ast.And):
            if any(v is not _UNKNOWN and not v for v in values):
                return False
            return _UNKNOWN if any(v is _UNKNOWN for v in values) else values[-1]
        if any(v is not _UNKNOWN and v for v in values):
            return True
        return _UNKNOWN if any(v is _UNKNOWN for v in values) else values[-1]
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left = _truth(repo, path, node.left, env, depth + 1)
        right_node = node.comparators[0]
        if isinstance(node.ops[0], (ast.In, ast.NotIn)) and isinstance(right_node, (ast.Tuple, ast.List, ast.Set)):
            right = [_truth(repo, path, e, env, depth + 1) for e in right_node.elts[:32]]
            if left is _UNKNOWN or any(v is _UNKNOWN for v in right):
                return _UNKNOWN
            inside = left in right
            return inside if isinstance(node.ops[0], ast.In) else not inside
        right = _truth(repo, path, right_node, env, depth + 1)
        if left is _UNKNOWN or right is _UNKNOWN:
            return _UNKNOWN
        if isinstance(node.ops[0], ast.Eq):
            return left == right
        if isinstance(node.ops[0], ast.NotEq):
            return left != right
        return _UNKNOWN
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args \
            and node.func.attr in ("lower", "upper", "strip", "casefold"):
        value = _truth(repo, path, node.func.value, env, depth + 1)
        return getattr(value, node.func.attr)() if isinstance(value, str) else _UNKNOWN
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
            "endswith", "startswith") and len(node.args) == 1 and not node.keywords:
        value = _truth(repo, path, node.func.value, env, depth + 1)
        suffix = node.args[0]
        if not isinstance(value, str) or not isinstance(suffix, ast.Constant) or not isinstance(suffix.value, str):
            return _UNKNOWN
        return value.endswith(suffix.value) if node.func.attr == "endswith" else value.startswith(suffix.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "bool") \
            and len(node.args) == 1 and not node.keywords:
        value = _truth(repo, path, node.args[0], env, depth + 1)
        if value is _UNKNOWN:
            return _UNKNOWN
        return bool(value) if node.func.id == "bool" else ("" if value is None else str(value))
    name = env_name(node)
    if name is not None and not (isinstance(node, ast.Call) and any(k.arg == "cast" for k in node.keywords)):
        return _read(name, env)
    return _UNKNOWN


def _read(name: str, env: Mapping[str, object]):
    if name not in env:
        return _UNKNOWN  # may be set where the deployment config does not show it
    value = env[name]
    if value is None:
        return _UNKNOWN
    text = str(value)
    return _UNKNOWN if "$" in text else text
