"""Objects a dependency-injection container makes (python-dependency-injector).

A container class declares providers: `poller = providers.Singleton(Poller, token=...)`.
The object is what `Poller(token=...)` makes, reached three ways:

- a wired parameter: `async def start(poller: Poller = Provide[Container.poller])`
  (also `Provide[Container.poller.provider]`, `Closing[Provide[...]]`);
- a provider called: `Container.poller()`, `container.poller()` where `container = Container()`;
- the provider call itself where a receiver's origins are followed (`bot = providers.Singleton(Bot, ...)`
  read as `Bot(...)`).

Pure functions over `ast` nodes and the resolver (python_resolve); never imports the project.
"""
from __future__ import annotations

import ast

from .python_module import Module, load

# providers whose call returns an instance of their first argument (`Callable` returns what
# the function returns: a factory function is followed by the resolver like any other)
_MAKERS = frozenset({"Singleton", "ThreadSafeSingleton", "ThreadLocalSingleton", "ContextLocalSingleton",
                     "Factory", "DelegatedFactory", "AbstractSingleton", "AbstractFactory", "Callable",
                     "DelegatedSingleton", "Resource"})
_PARAMETERS = 256  # defaults of one function looked at (the last positional ones, the first keyword-only ones)
_BODY = 300  # statements of a container class looked at


def made_call(call: ast.Call, m: Module) -> ast.Call | None:
    """`providers.Singleton(Poller, token=t)` as the call `Poller(token=t)` it makes (kept on
    the node: hits are remembered by node); None for other calls."""
    if not call.args or not isinstance(call.args[0], (ast.Name, ast.Attribute)) or not m.mentions("dependency_injector"):
        return None
    qualified = m.qualified(call.func)
    if not qualified.startswith("dependency_injector.") or qualified.rsplit(".", 1)[-1] not in _MAKERS:
        return None
    made = getattr(call, "_deploylint_made", None)
    if made is None:
        made = ast.copy_location(ast.Call(func=call.args[0], args=list(call.args[1:]), keywords=list(call.keywords)), call)
        made.end_lineno, made.end_col_offset = call.end_lineno, call.end_col_offset
        call._deploylint_made = made  # type: ignore[attr-defined]
    return made


def injected(m: Module, scope: str, name: str) -> ast.expr | None:
    """`Container.poller` where the function `scope` declares `name: T = Provide[Container.poller]`."""
    if not scope or not m.mentions("Provide"):
        return None
    node = m.defs.get(scope)
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    return _wired(m, node).get(name)


def _wired(m: Module, node: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    """A function's parameters wired to a provider (its first _PARAMETERS positional and
    keyword-only ones), read once per function (kept on the node)."""
    found = getattr(node, "_deploylint_wired", None)
    if found is None:
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))[-_PARAMETERS:]
        pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None][:_PARAMETERS]
        found = {a.arg: provided for a, d in pairs if (provided := _provided(m, d)) is not None}
        node._deploylint_wired = found  # type: ignore[union-attr]
    return found


def _provided(m: Module, default: ast.expr) -> ast.expr | None:
    for _ in range(3):  # `Closing[Provide[...]]`
        if not isinstance(default, ast.Subscript):
            return None
        word = default.value.attr if isinstance(default.value, ast.Attribute) else getattr(default.value, "id", "")
        inner = default.slice
        if word == "Provide":
            if isinstance(inner, ast.Attribute) and inner.attr in ("provider", "provided"):
                inner = inner.value
            return inner if isinstance(inner, ast.Attribute) else None
        if word != "Closing":
            return None
        default = inner
    return None


def provider_calls(resolver, m: Module, scope: str, ref: ast.expr) -> list[tuple[ast.Call, Module]]:
    """The calls a container's provider makes: `Container.poller` (the class) or
    `container.poller` (an instance of it) -> [(`Poller(token=...)`, its module)]."""
    if not isinstance(ref, ast.Attribute) or not isinstance(ref.value, (ast.Name, ast.Attribute)):
        return []
    classes = [(path, qual) for kind, path, qual in resolver.resolve(m, scope, ref.value) if kind == "class"]
    if not classes and m.mentions("Container"):
        classes = resolver.instance_classes(m, scope, ref.value, 2)
    found: list[tuple[ast.Call, Module]] = []
    for path, qual in classes[:4]:
        owner = load(resolver.repo, path)
        node = owner.defs.get(qual) if owner is not None else None
        for stmt in node.body[:_BODY] if isinstance(node, ast.ClassDef) else ():
            value = _assigned(stmt, ref.attr)
            made = made_call(value, owner) if isinstance(value, ast.Call) else None  # type: ignore[arg-type]
            if made is not None:
                found.append((made, owner))  # type: ignore[arg-type]
    return found


def _assigned(stmt: ast.stmt, name: str) -> ast.expr | None:
    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
        return stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name:
        return stmt.value
    return None


def injected_anywhere(m: Module, name: str) -> list[ast.expr]:
    """The providers wired into a parameter `name` of any function of the module (a
    receiver's origins are read by name, whatever function it is used in, as assignments
    are): `Container.session` for `async def main(session=Provide[Container.session])`.
    The wired parameters of a module are read once (kept on the module)."""
    if not m.mentions("Provide"):
        return []
    cache = m.__dict__.setdefault("_injected", None)
    if cache is None:
        cache = {}
        for node in list(m.defs.values())[:2000]:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg, provided in _wired(m, node).items():
                    cache.setdefault(arg, []).append(provided)
        m.__dict__["_injected"] = cache
    return cache.get(name, [])[:4]
