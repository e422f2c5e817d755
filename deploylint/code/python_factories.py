"""Objects a factory classmethod makes: `TelegramService.from_env()` where the base class
defines `@classmethod def from_env(cls): return cls()` makes a TelegramService, not a
base-class object, so the subclass's methods (`run_forever`) are the ones its calls reach.

Calls a class makes on itself that a subclass answers, and instances called like functions.

`class BaseBot: def run(self): self.connect()` with `class TelegramBot(BaseBot): def
connect(self): app.run_polling()`, and `TelegramBot().run()`: `self.connect()` in the base
resolves to the base's own `connect` (often `raise NotImplementedError`), but the object is
a `TelegramBot`, so its override runs. Every `self.name()` call is noted with the class it is
written in; each instantiated repository class that inherits from that class and has its
own `name` has that method entered (whichever comes first: the instance or the call).
Indexed by method name, and each class's ancestry is worked out once: the cost grows with
the calls and instances that share a method name, not with their product.

`runner = Runner(); runner()` calls `Runner.__call__` (resolved like any method on an
instance, python_resolve.method_on).
"""
from __future__ import annotations

import ast

from ..model import Location, Step
from . import python_signatures as sig
from .python_module import Module, load
from .python_replay import effect


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


MAX_DEPTH = 3  # base classes followed from a subclass to the class that makes the call


class Overrides:
    """A walker mixin (code/python.py): needs resolve, method_where, method_on,
    _method_names, enter and by_method (the instances by method name)."""

    def self_dispatch(self, m: Module, scope: str, call: ast.Call, here, site: Location) -> None:
        func = call.func
        if not (scope and isinstance(func, ast.Attribute) and sig.chain_words(func.value) == ["self"]):
            return
        cls = m.class_of(scope)
        if cls:
            self.self_call(m.path, cls, func.attr, here, site)

    def instance_called(self, m: Module, scope: str, call: ast.Call) -> list[tuple[str, str, str]]:
        """`runner()` where `runner` holds an instance of a repository class with `__call__`."""
        if not isinstance(call.func, ast.Name):
            return []
        return self.method_on(m, scope, call.func, "__call__")

    def _overrides_state(self) -> tuple[dict, dict]:
        state = self.__dict__.get("_override_state")
        if state is None:
            state = self.__dict__["_override_state"] = ({}, {})  # name -> {call key: (here, site)}; ancestry
        return state

    @effect(3)
    def self_call(self, path: str, cls: str, name: str, here, site: Location) -> None:
        calls, _ = self._overrides_state()
        by_name = calls.setdefault(name, {})
        key = (path, cls, here.per_worker, here.looped, here.fallback, here.after, here.on_failure)
        if key in by_name:
            return
        by_name[key] = (here, site)
        for instance in list(self.by_method.get(name, ())):  # the classes with a method of that name
            self._override(instance, path, cls, name, here, site)

    def join_overrides(self, instance: tuple[str, str]) -> None:
        """A class was instantiated: the `self.name()` calls of its base classes reach its overrides."""
        calls, _ = self._overrides_state()
        for name in self._method_names(*instance) & calls.keys():
            for (path, cls, *_), (here, site) in list(calls[name].items()):
                self._override(instance, path, cls, name, here, site)

    def _override(self, instance: tuple[str, str], path: str, cls: str, name: str, here, site: Location) -> None:
        if instance == (path, cls) or (path, cls) not in self._ancestors(instance):
            return
        where = self.method_where(instance[0], instance[1], name)
        if where and where != self.method_where(path, cls, name):
            self.enter(here, where[0], where[1], Step(site, f"`self.{name}()` runs `{where[1]}` (the object is a `{instance[1]}`)"))

    def _ancestors(self, instance: tuple[str, str]) -> frozenset[tuple[str, str]]:
        """The repository base classes of a class, MAX_DEPTH levels up (each class once per walk)."""
        _, known = self._overrides_state()
        found = known.get(instance)
        if found is None:
            known[instance] = frozenset()  # a cycle of bases sees nothing more
            found = known[instance] = frozenset(self._bases_of(instance, MAX_DEPTH))
        return found

    def _bases_of(self, instance: tuple[str, str], depth: int) -> set[tuple[str, str]]:
        m = load(self.repo, instance[0])
        node = m.defs.get(instance[1]) if m else None
        found: set[tuple[str, str]] = set()
        if not isinstance(node, ast.ClassDef) or depth <= 0:
            return found
        for expr in node.bases[:8]:
            for kind, base_path, base_qual in self.resolve(m, "", expr):
                if kind == "class" and (base_path, base_qual) not in found:
                    found.add((base_path, base_qual))
                    found |= self._bases_of((base_path, base_qual), depth - 1)
        return found
