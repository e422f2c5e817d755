"""What a loop variable names, for the resolver (python_resolve): `for target in (run_bot,
run_api): Thread(target=target).start()`, `for cls in RUNNERS: cls().run()`,
`[Thread(target=f) for f in JOBS]` call or hand over each entry of the literal sequence the
loop walks (a tuple, list or set written there, a table `JOBS = [...]` bound once, or the
values of a dict table: `for job in JOBS.values():`).

Only loops of the function the name is used in (its own statements, not nested functions)
or, for module code, the module's statements outside functions and classes are read, in one
walk per (module, scope).
"""
from __future__ import annotations

import ast
import builtins

from ..patterns import lazy_re

MAX_LOOPS = 8
_BUILTINS = frozenset(dir(builtins))  # `len(x)`, `print(...)`: never a loop variable worth a walk
MAX_ENTRIES = 16
_COMPOUND = ("body", "orelse", "finalbody", "handlers", "cases")


def loop_entries(resolver, m, scope: str, name: str) -> list[tuple[str, str, str]]:
    """The repository functions and classes the loop variable `name` of `scope` takes."""
    if name in _BUILTINS:
        return []
    cache = resolver._instances
    key = ("loop-entries", m.path, scope, name)
    if key in cache:
        return cache[key] or []  # type: ignore[return-value]
    cache[key] = None  # a loop over its own variable sees nothing more
    found: list[tuple[str, str, str]] = []
    for iterable in _loops(resolver.repo, m, scope).get(name, [])[:MAX_LOOPS]:
        for entry in _entries(resolver, m, scope, iterable):
            if entry not in found:
                found.append(entry)
    cache[key] = found  # type: ignore[assignment]
    return found


def _loops(repo, m, scope: str) -> dict[str, list[ast.expr]]:
    """Loop variable -> the iterables of the loops binding it: one walk per (module, scope),
    shared by every process's resolver."""
    def index() -> dict[str, list[ast.expr]]:
        node = m.defs.get(scope) if scope else None
        found: dict[str, list[ast.expr]] = {}
        if not scope or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in _own(node.body if node is not None else m.tree.body):
                if isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(sub.target, ast.Name):
                    found.setdefault(sub.target.id, []).append(sub.iter)
        return found
    return repo.memo(("python-loop-index", m.path, scope), index) or {}


def _own(body: list[ast.stmt]):
    """The nodes of these statements, without nested functions and classes."""
    todo = list(body)
    seen = 0
    while todo and seen < 20000:
        node = todo.pop()
        seen += 1
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield node
        for child in ast.iter_child_nodes(node):
            todo.append(child)


def _entries(resolver, m, scope: str, iterable: ast.expr) -> list[tuple[str, str, str]]:
    tables: tuple[type, ...] = (ast.Tuple, ast.List, ast.Set)
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) and \
            iterable.func.attr == "values" and not iterable.args:  # `for job in JOBS.values():`
        iterable, tables = iterable.func.value, (ast.Dict,)
    if isinstance(iterable, ast.Name):  # a module table: `JOBS = [run_bot, run_api]`
        values = [v for v in m.values(iterable.id)[:2] if isinstance(v, tables)]
        iterable = values[0] if len(values) == 1 else None
    elements = iterable.values if isinstance(iterable, ast.Dict) else getattr(iterable, "elts", None)
    if not isinstance(iterable, tables) or elements is None:
        return []
    found: list[tuple[str, str, str]] = []
    for element in elements[:MAX_ENTRIES]:
        if isinstance(element, (ast.Name, ast.Attribute)):
            found.extend(t for t in resolver.resolve(m, scope, element) if t not in found)
    return found


def loop_values(repo, m, name: str) -> list[ast.expr]:
    """The entries of the literal sequences a loop variable `name` walks in any function of
    the module or its module code (`for client in [reader, writer]: await client.start()`,
    `clients = [a, b]` then `for c in clients:`), for a receiver's origins (python_resolve.Linked):
    a manager that starts each client it holds starts every one of them. Read by name, as
    assignments are; only modules whose text has `for NAME in` are walked."""
    if name in _BUILTINS or not m.mentions("for ") or not name.isidentifier():
        return []

    def index() -> list[ast.expr]:
        lines = _loop_lines(repo, m).get(name)
        if not lines:
            return []
        if len(lines) > MAX_LINES:
            lines = []  # written everywhere: every function is looked at
        # only the functions around those lines: walking every function of a big module
        # (parsing the blocks python_lazy left unparsed) for each looped name was most of a scan
        scopes = [""] + [q for q, node in list(m.defs.items())[:2000]
                         if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _around(node, lines)]
        found: list[ast.expr] = []
        for scope in scopes:
            for iterable in _loops(repo, m, scope).get(name, [])[:MAX_LOOPS]:
                for element in _elements(m, iterable):
                    if not any(element is seen for seen in found):
                        found.append(element)
                if len(found) >= MAX_ENTRIES:
                    return found[:MAX_ENTRIES]
        return found
    return repo.memo(("python-loop-values", m.path, name), index) or []


MAX_LINES = 64  # `for NAME in` lines placed in their functions; past it, every function
_FOR_NAME = lazy_re(r"\bfor\s+([^\W\d]\w*)\s+in\b")


def _loop_lines(repo, m) -> dict[str, list[int]]:
    """Loop variable name -> the lines where `for NAME in` is written: one pass over the
    module's text, shared by every name asked (a pass per name was quadratic in a big module)."""
    def build() -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        line, last = 1, 0
        for match in _FOR_NAME.finditer(m.text):
            line += m.text.count("\n", last, match.start())
            last = match.start()
            found.setdefault(match.group(1), []).append(line)
        return found
    return repo.memo(("python-loop-lines", m.path), build) or {}


def _around(node: ast.AST, lines: list[int]) -> bool:
    """Whether a function's lines hold one of `lines` (all of them when the list was cut)."""
    start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    if not lines or start is None or end is None:
        return True
    return any(start <= line <= end for line in lines)


def _elements(m, iterable: ast.expr) -> list[ast.expr]:
    if isinstance(iterable, (ast.Name, ast.Attribute)):  # `clients = [a, b]`, `self.clients = [a, b]` bound once
        key = iterable.id if isinstance(iterable, ast.Name) else "." + iterable.attr
        values = [v for v in m.values(key)[:2] if isinstance(v, (ast.Tuple, ast.List, ast.Set))]
        iterable = values[0] if len(values) == 1 else None
    if not isinstance(iterable, (ast.Tuple, ast.List, ast.Set)):
        return []
    return [e for e in iterable.elts[:MAX_ENTRIES] if isinstance(e, (ast.Name, ast.Attribute, ast.Call))]
