"""The modules an `importlib.import_module(...)` or `__import__(...)` call loads, read
statically (never run): a literal, either arm of a conditional or an `or`, a name
assigned one of these, a value of a literal dict (`RUNNERS[name]`), and an f-string or
`+` whose placeholder is the target of a `for` loop over literal strings in the same
function (`for name in ("alerts", "stats"): import_module(f"bot.plugins.{name}")`).
A name read from elsewhere (os.listdir, settings) stays unknown: no module.

Also the receiver of `module.main()` when `module = importlib.import_module("x")`.
"""
from __future__ import annotations

import ast

from ..patterns import lazy_re
from . import python_signatures as sig

IMPORTERS = ("import_module", "__import__")
LIMIT = 16  # module names one call may load (a hostile loop over thousands stops here)
_DEPTH = 4


def import_names(m, scope: str, call: ast.Call) -> list[str]:
    """Dotted module names `call` may import (empty when it is no import call)."""
    if sig.callee(call)[0] not in IMPORTERS or not call.args:
        return []
    names = _choices(m, scope, call.args[0], _DEPTH)
    return [n for n in dict.fromkeys(names) if n and _dotted(n)][:LIMIT]


def string_choices(m, scope: str, node: ast.expr) -> list[str]:
    """The literal strings an expression may hold (the choices an import name is read with)."""
    return list(dict.fromkeys(_choices(m, scope, node, _DEPTH)))[:LIMIT]


def import_calls(m, receiver: ast.expr | None) -> list[ast.Call]:
    """The import calls a receiver holds: `import_module("x")` itself, or a name
    assigned one (`module = import_module("x")`; `module.main()`). Asked for the receiver
    of every method call: only the blocks that may hold the first four values are parsed."""
    if isinstance(receiver, ast.Call):
        return [receiver] if sig.callee(receiver)[0] in IMPORTERS else []
    if isinstance(receiver, ast.Name) and _may_import(m):
        return [v for v in m.values(receiver.id, 4)
                if isinstance(v, ast.Call) and sig.callee(v)[0] in IMPORTERS]
    return []


def _may_import(m) -> bool:
    """The module's text names an importer, also spelt in other characters that Python
    reads as the same identifier (NFKC: `ｉmport_module`); remembered per module."""
    found = m.__dict__.get("_may_import")
    if found is None:
        text = m.text
        found = any(name in text for name in IMPORTERS)
        if not found and not text.isascii() and _COMPATIBLE.search(text):
            import unicodedata

            normal = unicodedata.normalize("NFKC", text)
            found = any(name in normal for name in IMPORTERS)
        m.__dict__["_may_import"] = found
    return found


# the Unicode blocks holding every character NFKC turns into a letter of the importers'
# names (full-width forms, mathematical letters, ligatures, circled and small letters...):
# a text with none of them (Cyrillic or CJK comments) is not normalised (an 18 MB repository
# paid 0.17 s for it). tests/test_scaling_r16 checks the blocks against unicodedata.
_COMPATIBLE = lazy_re("[\u00aa-\u00ba\u0100-\u02ff\u1d00-\u1dbf\u2070-\u218f\u2460-\u24ff\u3200-\u33ff"
                      "\ufb00-\ufb06\ufe30-\ufe4f\uff00-\uffef\U0001d400-\U0001d7ff]")


def _dotted(name: str) -> bool:
    return all(part.isidentifier() for part in name.split("."))


def _choices(m, scope: str, node: ast.expr, depth: int) -> list[str]:
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    if depth <= 0:
        return []
    if isinstance(node, ast.IfExp):
        return _choices(m, scope, node.body, depth - 1) + _choices(m, scope, node.orelse, depth - 1)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return [v for value in node.values[:8] for v in _choices(m, scope, value, depth - 1)][:LIMIT]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        lefts = _choices(m, scope, node.left, depth - 1)
        rights = _choices(m, scope, node.right, depth - 1) if lefts else []
        return [a + b for a in lefts[:LIMIT] for b in rights[:LIMIT]][:LIMIT]
    if isinstance(node, ast.JoinedStr):
        return _formatted(m, scope, node, depth)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return [v for table in m.values(node.value.id)[:2] if isinstance(table, ast.Dict)
                for value in table.values[:LIMIT] for v in _choices(m, scope, value, depth - 1)][:LIMIT]
    if isinstance(node, ast.Name):
        found = [v for value in m.values(node.id)[:4] for v in _choices(m, scope, value, depth - 1)]
        return (found or _loop_values(m, scope, node.id, depth - 1))[:LIMIT]
    return []


def _formatted(m, scope: str, node: ast.JoinedStr, depth: int) -> list[str]:
    """f"bot.plugins.{name}": every literal the placeholders can hold, joined."""
    texts = [""]
    for part in node.values[:8]:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            pieces = [part.value]
        elif isinstance(part, ast.FormattedValue) and part.format_spec is None and part.conversion == -1:
            pieces = _choices(m, scope, part.value, depth - 1)
        else:
            return []
        if not pieces:
            return []
        texts = [t + p for t in texts for p in pieces[:LIMIT]][:LIMIT]
    return texts


def _loop_values(m, scope: str, name: str, depth: int) -> list[str]:
    """The literal strings a `for name in ...` loop in the function (or module body)
    iterates over."""
    body = m.defs.get(scope) if scope else m.tree
    found: list[str] = []
    for loop in _loops(body):
        if isinstance(loop.target, ast.Name) and loop.target.id == name:
            found.extend(_elements(m, scope, loop.iter, depth))
    return found[:LIMIT]


def _elements(m, scope: str, node: ast.expr, depth: int) -> list[str]:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [v for item in node.elts[:LIMIT] for v in _choices(m, scope, item, depth)]
    if isinstance(node, ast.Name) and depth > 0:
        return [v for value in m.values(node.id)[:2] for v in _elements(m, scope, value, depth - 1)]
    return []


def _loops(body) -> list[ast.For | ast.AsyncFor]:
    """`for` statements of a function or module body, not those of nested definitions
    (a bounded walk: only the one unit the import call is in)."""
    loops: list = []
    stack = list(getattr(body, "body", []) or [])[:2000]
    seen = 0
    while stack and seen < 5000:
        seen += 1
        node = stack.pop()
        if isinstance(node, (ast.For, ast.AsyncFor)):
            loops.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                stack.append(child)
    return loops
