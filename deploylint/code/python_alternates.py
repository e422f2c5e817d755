"""Names bound by more than one import: `try: from local_bot import bot` / `except
ImportError: from production_bot import bot`, `if WEBHOOK: from a import Config else: from b
import Config`. python_module.Module keeps the first import as the name's binding and the
others as its alternates; either may be the one that runs (a developer's module that is not
committed, a relative import that fails when the file runs as a script), so what the name
names and holds is read through all of them.
"""
from __future__ import annotations

import ast

from .python_module import load


def follow_all(resolver, m, name: str, rest: list[str]) -> list[tuple[str, str, str]]:
    """What an imported name (and `rest` of a dotted use) names, through every import that binds it."""
    found = resolver._follow(m.path, m.bindings[name], rest, 0)
    for other in m.alternates.get(name, ()):
        found += [r for r in resolver._follow(m.path, other, rest, 0) if r not in found]
    return found


def alternate_values(resolver, m, expr: ast.Name, depth: int) -> list:
    """(value, Linked) pairs of what the name is assigned in each module an import of it names."""
    found: list = []
    for binding in (m.bindings[expr.id], *m.alternates[expr.id]):
        if not binding.attr:
            continue
        located = resolver.locate(m.path, binding.module, binding.level)
        owner = load(resolver.repo, located[1]) if located and located[1] and located[1] != m.path else None
        if owner is not None:
            own = owner.values(binding.attr)
            found += [(value, resolver.linked(owner)) for value in own] if own else \
                resolver.imported_values(owner, ast.Name(id=binding.attr), depth - 1)
    return found
