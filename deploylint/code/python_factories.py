"""Objects a factory classmethod makes: `TelegramService.from_env()` where the base class
defines `@classmethod def from_env(cls): return cls()` makes a TelegramService, not a
base-class object, so the subclass's methods (`run_forever`) are the ones its calls reach.
"""
from __future__ import annotations

import ast

from .python_module import load


def factory_class(resolver, m, scope: str, func: ast.expr, target: tuple[str, str, str]) -> tuple[str, str] | None:
    """(path, class) of the receiver class when `func` (`Sub.make`) names a classmethod
    that builds `cls(...)`, else None."""
    kind, path, qual = target
    if kind != "func" or not isinstance(func, ast.Attribute) or "." not in qual:
        return None
    classes = [(p, q) for k, p, q in resolver.resolve(m, scope, func.value) if k == "class"]
    if len(classes) != 1:
        return None
    owner = load(resolver.repo, path)
    node = owner.defs.get(qual) if owner is not None else None
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not _classmethod(node):
        return None
    if not any(isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == node.args.args[0].arg
               for sub in ast.walk(node) if node.args.args):
        return None
    return classes[0]


def _classmethod(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in node.decorator_list)
