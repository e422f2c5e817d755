"""One evaluator for the Python `if` tests recorded on the way to a singleton.

Folds literals, `not`, `and`/`or`, `==`/`!=`/`in`/`not in` (also in a tuple a lookup returns,
`sys.argv`, and of a substring), `<`/`>` of integers, `a if test else b`, tuple/list/set
literals, `any(...)`/`all(...)` over a generator on a known sequence, `.lower()`/`.upper()`/
`.strip()`/`.casefold()`, `.startswith(...)`/`.endswith(...)`, `str(...)`/`bool(...)`.
Every other leaf (a name, an environment read) is asked of the caller's `lookup(node, depth)`,
which returns its value or UNKNOWN: python_env_guard looks names up in the process's
environment and module-level flags, python_arguments in a sub-command's bound arguments.
"""
from __future__ import annotations

import ast
from typing import Callable

UNKNOWN = object()
CONDITION_PREFIXES = ("if `", "else of `if ", "when not `")
ELSE_PREFIXES = ("else of `if ", "when not `")
MAX_DEPTH = 12
_CASE = ("lower", "upper", "strip", "casefold")
_ORDER = {ast.Gt: int.__gt__, ast.GtE: int.__ge__, ast.Lt: int.__lt__, ast.LtE: int.__le__}

Lookup = Callable[[ast.AST, int], object]


def is_condition(note: str) -> bool:
    return note.startswith(CONDITION_PREFIXES)


def taken(note: str, value) -> bool | None:
    """Whether the branch a trace step's note names is taken when its test is `value`."""
    if value is UNKNOWN:
        return None
    return bool(value) if not note.startswith(ELSE_PREFIXES) else not value


def evaluate(node, lookup: Lookup, depth: int = 0):
    """The value of `node` (a str, bool, int or None), or UNKNOWN."""
    if depth > MAX_DEPTH or node is None:
        return UNKNOWN
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, (str, bool, int, type(None))) else UNKNOWN
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        value = evaluate(node.operand, lookup, depth + 1)
        return UNKNOWN if value is UNKNOWN else not value
    if isinstance(node, ast.BoolOp):
        return _bool_op(node, lookup, depth)
    if isinstance(node, ast.IfExp):  # `sys.argv[1] if len(sys.argv) > 1 else "polling"`
        test = evaluate(node.test, lookup, depth + 1)
        return UNKNOWN if test is UNKNOWN else evaluate(node.body if test else node.orelse, lookup, depth + 1)
    if isinstance(node, ast.Compare):
        return _compare(node, lookup, depth) if len(node.ops) == 1 else UNKNOWN
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) <= 32:  # `EXCLUDE = {"migrate", ...}`
        values = tuple(evaluate(e, lookup, depth + 1) for e in node.elts)
        return UNKNOWN if any(v is UNKNOWN for v in values) else values
    if isinstance(node, ast.Call):
        value = _string_call(node, lookup, depth)
        if value is None:
            value = _any_all(node, lookup, depth)
        if value is not None:
            return value
    return lookup(node, depth)


def _any_all(node: ast.Call, lookup: Lookup, depth: int):
    """`any(cmd in sys.argv for cmd in ("migrate", "test"))` (also `all`): the test folded for
    each value of a known sequence; None when `node` is not that."""
    if not (isinstance(node.func, ast.Name) and node.func.id in ("any", "all") and len(node.args) == 1
            and not node.keywords and isinstance(node.args[0], ast.GeneratorExp)):
        return None
    generator = node.args[0]
    loop = generator.generators[0]
    if len(generator.generators) != 1 or loop.ifs or loop.is_async or not isinstance(loop.target, ast.Name):
        return UNKNOWN
    items = evaluate(loop.iter, lookup, depth + 1)
    if not isinstance(items, tuple):
        return UNKNOWN
    name = loop.target.id
    results = []
    for item in items:
        def bound(leaf, at, item=item):
            return item if isinstance(leaf, ast.Name) and leaf.id == name else lookup(leaf, at)
        results.append(evaluate(generator.elt, bound, depth + 1))
    decided = [bool(r) for r in results if r is not UNKNOWN]
    if node.func.id == "any":
        return True if any(decided) else (UNKNOWN if len(decided) < len(results) else False)
    return False if not all(decided) else (UNKNOWN if len(decided) < len(results) else True)


def _bool_op(node: ast.BoolOp, lookup: Lookup, depth: int):
    values = [evaluate(v, lookup, depth + 1) for v in node.values[:8]]
    if isinstance(node.op, ast.And):
        if any(v is not UNKNOWN and not v for v in values):
            return False
        return UNKNOWN if any(v is UNKNOWN for v in values) else values[-1]
    if any(v is not UNKNOWN and v for v in values):
        return True
    return UNKNOWN if any(v is UNKNOWN for v in values) else values[-1]


def _compare(node: ast.Compare, lookup: Lookup, depth: int):
    left = evaluate(node.left, lookup, depth + 1)
    right_node, op = node.comparators[0], node.ops[0]
    if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right_node, (ast.Tuple, ast.List, ast.Set)):
        right = [evaluate(e, lookup, depth + 1) for e in right_node.elts[:32]]
        if left is UNKNOWN or any(v is UNKNOWN for v in right):
            return UNKNOWN
        return (left in right) if isinstance(op, ast.In) else (left not in right)
    right = evaluate(right_node, lookup, depth + 1)
    if left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if isinstance(op, (ast.In, ast.NotIn)) and (isinstance(right, tuple) or  # `"runbot" in sys.argv` (python_argv)
                                                 isinstance(right, str) and isinstance(left, str)):  # a substring
        return (left in right) if isinstance(op, ast.In) else (left not in right)
    if type(op) in _ORDER and type(left) is int and type(right) is int:  # `len(sys.argv) > 1`
        return _ORDER[type(op)](left, right)
    if isinstance(op, ast.Eq):
        return left == right
    if isinstance(op, ast.NotEq):
        return left != right
    return UNKNOWN


def _string_call(node: ast.Call, lookup: Lookup, depth: int):
    """A string method or `str()`/`bool()` folded; None when `node` is none of those."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _CASE and not node.args and not node.keywords:
        value = evaluate(func.value, lookup, depth + 1)
        return getattr(value, func.attr)() if isinstance(value, str) else UNKNOWN
    if isinstance(func, ast.Attribute) and func.attr in ("endswith", "startswith") and len(node.args) == 1 \
            and not node.keywords:
        value = evaluate(func.value, lookup, depth + 1)
        affix = node.args[0]
        if not isinstance(value, str) or not isinstance(affix, ast.Constant) or not isinstance(affix.value, str):
            return UNKNOWN
        return value.endswith(affix.value) if func.attr == "endswith" else value.startswith(affix.value)
    if isinstance(func, ast.Name) and func.id in ("str", "bool") and len(node.args) == 1 and not node.keywords:
        value = evaluate(node.args[0], lookup, depth + 1)
        if value is UNKNOWN:
            return UNKNOWN
        return bool(value) if func.id == "bool" else ("" if value is None else str(value))
    return None
