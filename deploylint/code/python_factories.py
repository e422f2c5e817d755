"""Objects a factory classmethod makes: `TelegramService.from_env()` where the base class
defines `@classmethod def from_env(cls): return cls()` makes a TelegramService, not a
base-class object, so the subclass's methods (`run_forever`) are the ones its calls reach.
"""
from __future__ import annotations

import ast

from . import python_signatures as sig
from .python_module import load


def factory_class(resolver, m, scope: str, func: ast.expr, target: tuple[str, str, str]) -> tuple[str, str] | None:
    """(path, class) of the receiver class when `func` (`Sub.make`) names a classmethod
    that builds `cls(...)`, else None."""
    kind, path, qual = target
    if kind != "func" or not isinstance(func, ast.Attribute) or "." not in qual:
        return None
    owner = load(resolver.repo, path)
    node = owner.defs.get(qual) if owner is not None else None
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not _classmethod(node) or not node.args.args:
        return None  # the cheap test first: most calls name no classmethod
    first = node.args.args[0].arg
    if not any(isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == first
               for sub in _own_nodes(node)):
        return None
    classes = [(p, q) for k, p, q in resolver.resolve(m, scope, func.value) if k == "class"]
    return classes[0] if len(classes) == 1 else None


def _classmethod(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in node.decorator_list)


def super_init(m, cls: str, call: ast.Call) -> ast.Call:
    """The arguments the base class really gets: `super().__init__("name", ...)` in the
    class's `__init__`, else those of the instantiation. A parameter of `__init__` handed
    on is what the instantiation passes for it, else its literal default
    (`def __init__(self, session="renamer"): super().__init__(session, ...)`)."""
    init = m.defs.get(f"{cls}.__init__")
    for sub in _own_nodes(init) if isinstance(init, (ast.FunctionDef, ast.AsyncFunctionDef)) else ():
        if (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "__init__"
                and isinstance(sub.func.value, ast.Call) and sig.chain_words(sub.func.value.func) == ["super"]):
            bound = _bound(init, call)
            if not bound:
                return sub
            args = [bound.get(a.id, a) if isinstance(a, ast.Name) else a for a in sub.args]
            keywords = [ast.keyword(arg=k.arg, value=bound.get(k.value.id, k.value) if isinstance(k.value, ast.Name)
                                    else k.value) for k in sub.keywords]
            return ast.copy_location(ast.Call(func=sub.func, args=args, keywords=keywords), sub)
    return call


def _bound(init: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> dict[str, ast.expr]:
    """Parameter name -> the value it holds: the instantiation's argument, else a literal default."""
    params = [a.arg for a in init.args.args[1:]]  # after self
    defaults = dict(zip(params[len(params) - len(init.args.defaults):], init.args.defaults))
    bound: dict[str, ast.expr] = {k: v for k, v in defaults.items() if isinstance(v, ast.Constant)}
    if any(isinstance(a, ast.Starred) for a in call.args):
        return bound
    bound.update(zip(params, call.args))
    bound.update((k.arg, k.value) for k in call.keywords if k.arg in params)
    return bound


def _own_nodes(node: ast.AST):
    """The nodes of a function body, not those of functions and classes nested in it."""
    stack = list(getattr(node, "body", []))
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in ast.iter_child_nodes(current)
                     if not isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)))
