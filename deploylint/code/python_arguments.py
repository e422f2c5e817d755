"""Branches a click/Typer sub-command's own parameters decide: `manage.py run all` binds
`what` to "all" (runners/python_cli), so in `def run(what):` the `if what == "bot":` branch
is not taken, and what it starts (a poller, a child process) does not run in this process.

Only tests inside the sub-command's function are read, and only ones made of its bound
parameters and literals (`==`, `!=`, `in`, `not in`, truthiness, `not`, `and`/`or`);
anything else stays undecided and the branch is kept, as before. The tests are read from
the module the walk already parsed: no extra parse.
"""
from __future__ import annotations

import ast

_UNKNOWN = object()
_CONDITIONS = ("if `", "else of `if ", "when not `")
_ELSE = ("else of `if ", "when not `")


def filter_by_arguments(repo, items: list, process) -> list:
    """`items` (Evidence or Spawn records, each with a `trace`) without those behind a test
    the bound arguments decide against."""
    bound = dict(getattr(process, "arguments", ()) or ())
    hooks = getattr(process, "hooks", ()) or ()
    if not bound or not items:
        return items
    if hooks:  # `python manage.py run all`: the sub-command is a start hook of the entry
        path, qual = hooks[0].path, hooks[0].qual
    elif process.kind == "python-console" and process.entry and process.app:  # `relay run all`: it is the app
        path, qual = process.entry, process.app
    else:
        return items
    tests = _tests(repo, path, qual)
    if not tests:
        return items
    return [item for item in items if _runs(item.trace, path, tests, bound)]


def _tests(repo, path: str, qual: str) -> dict[tuple[int, int], ast.expr]:
    """(line, column) -> the `if`/`while` tests of the sub-command's own function, read from
    the module the walk parsed (python_module.load, memoised): no parse of its own."""
    from .python_module import load

    def index() -> dict:
        module = load(repo, path)
        node = module.defs.get(qual) if module is not None else None
        found: dict = {}
        if node is None:
            return found
        try:
            for sub in ast.walk(node):
                if isinstance(sub, (ast.If, ast.IfExp, ast.While)):
                    found[(sub.test.lineno, sub.test.col_offset + 1)] = sub.test
                    found.setdefault((sub.test.lineno, 0), []).append(sub.test)  # non-ASCII lines: by line
        except RecursionError:
            return {}
        return found
    return repo.memo(("python-arguments-tests", path, qual), index)


def _runs(trace, path: str, tests: dict, bound: dict) -> bool:
    for step in trace:
        where = step.location
        if where.path != path or not step.note.startswith(_CONDITIONS):
            continue
        test = tests.get((where.line, where.column))
        if test is None:
            same_line = tests.get((where.line, 0)) or []
            test = same_line[0] if len(same_line) == 1 else None
        if test is None:
            continue
        value = _truth(test, bound, 0)
        if value is _UNKNOWN:
            continue
        taken = bool(value) if not step.note.startswith(_ELSE) else not value
        if not taken:
            return False
    return True


def _truth(node, bound: dict, depth: int):
    if depth > 10:
        return _UNKNOWN
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bool, int, type(None))):
        return node.value
    if isinstance(node, ast.Name):
        return bound.get(node.id, _UNKNOWN) if node.id in bound else _UNKNOWN
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        value = _truth(node.operand, bound, depth + 1)
        return _UNKNOWN if value is _UNKNOWN else not value
    if isinstance(node, ast.BoolOp):
        values = [_truth(v, bound, depth + 1) for v in node.values[:8]]
        if isinstance(node.op, ast.And):
            if any(v is not _UNKNOWN and not v for v in values):
                return False
            return _UNKNOWN if any(v is _UNKNOWN for v in values) else values[-1]
        if any(v is not _UNKNOWN and v for v in values):
            return True
        return _UNKNOWN if any(v is _UNKNOWN for v in values) else values[-1]
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left = _truth(node.left, bound, depth + 1)
        right_node = node.comparators[0]
        op = node.ops[0]
        if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right_node, (ast.Tuple, ast.List, ast.Set)):
            right = [_truth(e, bound, depth + 1) for e in right_node.elts[:32]]
            if left is _UNKNOWN or any(v is _UNKNOWN for v in right):
                return _UNKNOWN
            return (left in right) if isinstance(op, ast.In) else (left not in right)
        right = _truth(right_node, bound, depth + 1)
        if left is _UNKNOWN or right is _UNKNOWN:
            return _UNKNOWN
        if isinstance(op, ast.Eq):
            return left == right
        if isinstance(op, ast.NotEq):
            return left != right
    return _UNKNOWN
