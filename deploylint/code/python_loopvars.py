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
