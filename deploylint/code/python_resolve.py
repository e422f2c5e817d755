"""Names to definitions across the repository's Python modules: which file an import
runs, what a callee expression names (a function, a class, a method of a class whose
instance it is), and the libraries a module uses. Used by the walker (python.py);
lookups are memoised per resolver, so each import is located once per scan.
"""
from __future__ import annotations

import ast

from ..model import Process
from ..repo import Repo
from . import python_di
from . import python_signatures as sig
from .python_defnames import never_defined
from .python_factories import _own_nodes, factory_class, super_init
from .python_locate import Locator
from .python_module import Binding, Module, load


class Resolver(Locator):
    def __init__(self, repo: Repo, process: Process):
        self.repo = repo
        self.process = process
        self.app = process.kind == "python-app"
        self.entry = process.entry or ""
        self._methods: dict[tuple[str, str], frozenset[str]] = {}
        self._instances: dict[tuple, list[tuple[str, str]] | None] = {}
        self._linked: dict[str, Linked] = {}
        self.entry_base = self._entry_base()
        self.bases = self._bases()
        # where imports lead and which libraries a module's imports use depend only on
        # the import bases: shared by every walk from the same bases (a web app and its
        # migration command import the same 200 modules)
        shared = repo.memo(("python-imports", tuple(self.bases)), lambda: ({}, {}))
        self._located: dict[tuple, tuple[tuple[str, ...], str | None] | None] = shared[0]
        self._libs: dict[str, frozenset[str]] = shared[1]

    def _method_names(self, path: str, cls: str, depth: int = 3) -> frozenset[str]:
        """Every method name `cls` has, with those of its repository base classes."""
        key = (path, cls)
        if key not in self._methods:
            self._methods[key] = frozenset()  # a class hierarchy cycle sees nothing more
            m = load(self.repo, path)
            node = m.defs.get(cls) if m else None
            names: set[str] = set()
            if isinstance(node, ast.ClassDef):
                names = {s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
                if "run" in names:
                    names.add("start")  # a Thread subclass's start() runs run(); method_of checks the base
                for base in node.bases if depth else ():
                    for kind, base_path, base_qual in self.resolve(m, "", base):
                        if kind == "class":
                            names |= self._method_names(base_path, base_qual, depth - 1)
            self._methods[key] = frozenset(names)
        return self._methods[key]

    def method_of(self, path: str, cls: str, name: str, depth: int = 3) -> str | None:
        """`cls.name` or the same method of a repository base class; a Thread subclass's
        `start()` runs its `run()`."""
        found = self.method_where(path, cls, name, depth)
        return found[1] if found else None

    def method_where(self, path: str, cls: str, name: str, depth: int = 3) -> tuple[str, str] | None:
        """method_of with the module that defines it: a base class imported from another
        module (`class Bot(TelegramBot, ...)`) has its methods there (r10py)."""
        m = load(self.repo, path)
        node = m.defs.get(cls) if m else None
        if not isinstance(node, ast.ClassDef):
            return None
        if isinstance(m.defs.get(f"{cls}.{name}"), (ast.FunctionDef, ast.AsyncFunctionDef)):
            return path, f"{cls}.{name}"
        if name == "start" and any(sig.chain_words(b)[-1:] in (["Thread"], ["Process"]) for b in node.bases):
            return self.method_where(path, cls, "run", depth)
        for base in node.bases if depth else ():
            for kind, base_path, base_qual in self.resolve(m, "", base):
                if kind == "class":
                    found = self.method_where(base_path, base_qual, name, depth - 1)
                    if found:
                        return found
        return None

    def resolve(self, m: Module, scope: str, expr: ast.expr) -> list[tuple[str, str, str]]:
        """What a callee expression names: ("func" | "class" | "module", path, qualname)."""
        if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):  # `MODES[mode]()`
            return self._table_entries(m, scope, expr.value.id)
        if isinstance(expr, ast.Name):
            local = m.local(expr.id, scope)
            if local and scope and "." not in local:  # `def run(): from bot import main; main()` beside a `def main`
                imported = _scoped_import(m, scope, expr.id)
                if imported is not None:
                    return self._follow(m.path, imported, [], 0)
            if local:
                return [self._kind(m, local)]
            if expr.id == "cls" and scope and m.class_of(scope):  # r10py: `cls(...)` in a classmethod
                return [("class", m.path, m.class_of(scope))]
            binding = m.bindings.get(expr.id)
            if binding is not None:
                return self._follow_all(m, expr.id, [])
            found = next((r for star in m.stars
                          if (r := self._lookup(m.path, star.module, star.level, [expr.id], 1))), [])
            if found or not m.mentions("for "):
                return found
            from .python_loopvars import loop_entries  # `for target in (run_bot, run_api): Thread(target=target)`

            return loop_entries(self, m, scope, expr.id)
        words = sig.chain_words(expr) if isinstance(expr, ast.Attribute) else []
        if not words or not isinstance(chain_root(expr), ast.Name):
            return []
        root, rest = words[0], words[1:]
        if root in ("self", "cls") and len(rest) == 1:
            cls = m.class_of(scope)
            where = self.method_where(m.path, cls, rest[0]) if cls else None
            return [("func", *where)] if where else []
        local = m.local(root, scope)
        if local and isinstance(m.defs[local], ast.ClassDef) and len(rest) == 1:
            where = self.method_where(m.path, local, rest[0])
            return [("func", *where)] if where else []
        binding = m.bindings.get(root)
        found = self._follow_all(m, root, rest) if binding is not None and not local else []
        if found or local or not isinstance(expr, ast.Attribute):
            return found
        return self.method_on(m, scope, expr.value, expr.attr)

    def callable_targets(self, m: Module, scope: str, ref: ast.expr) -> list[tuple[str, str, str]]:
        """What a callable handed over names; for a factory call (`lifespan=make_lifespan(cfg)`)
        the repository functions it returns (a nested `def` included)."""
        if not isinstance(ref, ast.Call):
            return self.resolve(m, scope, ref)
        found: list[tuple[str, str, str]] = []
        for kind, path, qual in self.resolve(m, scope, ref.func):
            owner = load(self.repo, path) if kind == "func" else None
            for value in self._return_nodes(owner, qual)[:4] if owner else ():
                if isinstance(value, (ast.Name, ast.Attribute)):
                    found.extend(t for t in self.resolve(owner, qual, value) if t[0] == "func" and t not in found)
        return found

    def _table_entries(self, m: Module, scope: str, name: str) -> list[tuple[str, str, str]]:
        """The classes and functions a literal table holds (`MODES = {"polling": Polling, ...}`):
        any of them may be the one `MODES[key]()` calls."""
        found: list[tuple[str, str, str]] = []
        for table in m.values(name)[:2]:
            entries = table.values if isinstance(table, ast.Dict) else getattr(table, "elts", [])
            for entry in entries[:16] if isinstance(table, (ast.Dict, ast.List, ast.Tuple)) else ():
                if isinstance(entry, (ast.Name, ast.Attribute)):
                    found.extend(t for t in self.resolve(m, scope, entry) if t not in found)
        return found

    # -- objects: what class an expression is an instance of --------------------------------
    def method_on(self, m: Module, scope: str, receiver: ast.expr, name: str) -> list[tuple[str, str, str]]:
        """`inst.run` where `inst = BotInstance(...)` (here, in `__init__` as `self.inst`,
        or in the module `inst` is imported from) -> the repository method. A name no
        repository file defines with `def` is no method of any of them (python_defnames)."""
        if name != "start" and never_defined(self.repo, m, name):
            return []
        found = []
        for path, cls in self.instance_classes(m, scope, receiver):
            where = self.method_where(path, cls, name)
            if where and ("func", *where) not in found:
                found.append(("func", *where))
        return found

    def instance_classes(self, m: Module, scope: str, expr: ast.expr, depth: int = 3) -> list[tuple[str, str]]:
        """Repository classes `expr` may be an instance of, through assignments (also
        across imports and `self.x = Cls()`) and functions that return `Cls(...)`."""
        key = asked = (m.path, scope, expr.id if isinstance(expr, ast.Name) else id(expr), depth)
        if key in self._instances:
            return self._instances[key] or []
        values: list[tuple[ast.expr, "Linked"]] = []
        provided = python_di.injected(m, scope, expr.id) if isinstance(expr, ast.Name) else None
        if provided is not None:  # `poller: Poller = Provide[Container.poller]`: what the provider makes
            values = [(made, self.linked(owner)) for made, owner in python_di.provider_calls(self, m, scope, provided)]
        elif isinstance(expr, ast.Name):
            values = self.linked(m).sources(expr, _LOOKED_AT)
            if scope and not any(_cls_call(value, facts.module is m) for value, facts in values[:_LOOKED_AT]):
                key = (m.path, "", expr.id, depth)  # the same answer in every function: worked out once
                if key in self._instances:
                    known = self._instances[key]
                    if known is not None:
                        self._instances[asked] = known
                    return known or []
        self._instances[key] = None  # a cycle of assignments sees nothing more
        found: list[tuple[str, str]] = []
        if isinstance(expr, ast.Attribute) and sig.chain_words(expr.value) in (["self"], ["cls"]):
            values = [(v, self.linked(m)) for v in m.values("." + expr.attr, _LOOKED_AT)]
        elif isinstance(expr, ast.Attribute) and depth:
            for path, cls in self.instance_classes(m, scope, expr.value, depth - 1):
                owner = load(self.repo, path)
                values += [(v, self.linked(owner)) for v in owner.values("." + expr.attr, _LOOKED_AT)] if owner else []
            if not values:
                values = self.linked(m).sources(expr, _LOOKED_AT)
        for value, facts in values[:_LOOKED_AT]:
            while isinstance(value, ast.Await):
                value = value.value
            owner = facts.module
            if isinstance(value, ast.Call):
                value = python_di.made_call(value, owner) or value  # `providers.Singleton(Poller, ...)`
                # the function's own scope for a value assigned in it (`bot = cls(config)` in a classmethod)
                here = scope if owner is m and isinstance(value.func, ast.Name) and value.func.id == "cls" else ""
                targets = self.resolve(owner, here, value.func)
                if not targets and isinstance(value.func, ast.Attribute) and depth:  # `Container.poller()`
                    for made, maker in python_di.provider_calls(self, owner, here, value.func):
                        targets += [t for t in self.resolve(maker, "", made.func) if t[0] == "class"]
                for kind, path, qual in targets:
                    if kind == "class":
                        found.append((path, qual))
                    elif kind == "func" and depth:
                        made = factory_class(self, owner, here, value.func, (kind, path, qual))
                        found.extend([made] if made else self._returned(path, qual, depth - 1))
            elif isinstance(value, (ast.Name, ast.Attribute)) and depth and value is not expr:
                found.extend(self.instance_classes(owner, "", value, depth - 1))
        found = list(dict.fromkeys(found))
        self._instances[key] = self._instances[asked] = found
        return found

    def _returned(self, path: str, qual: str, depth: int) -> list[tuple[str, str]]:
        """Classes a repository function returns instances of (`def get_bot(): return Bot()`)."""
        m = load(self.repo, path)
        found: list[tuple[str, str]] = []
        for value in self._return_nodes(m, qual) if m else ():
            found.extend(self.instance_classes(m, qual, value, depth))
        return found

    def _return_nodes(self, m: Module, qual: str) -> list[ast.expr]:
        """The values a function returns (its own `return` statements), once per function."""
        key = ("return-nodes", m.path, qual)
        if key not in self._instances:
            node = m.defs.get(qual)
            self._instances[key] = [sub.value for sub in (_own_nodes(node) if node is not None else ())  # type: ignore[misc]
                                    if isinstance(sub, ast.Return) and sub.value is not None]
        return self._instances[key] or []  # type: ignore[return-value]

    def returned_values(self, m: Module, call: ast.Call) -> list[tuple[ast.expr, "Linked"]]:
        if not isinstance(call.func, (ast.Name, ast.Attribute)):
            return []
        key = ("returns", m.path, id(call))
        if key not in self._instances:
            self._instances[key] = []  # type: ignore[assignment]
            found = []
            targets = self.resolve(m, "", call.func)
            for kind, path, qual in targets:
                owner = load(self.repo, path) if kind == "func" else None
                found.extend((value, self.linked(owner)) for value in (self._return_nodes(owner, qual) if owner else ()))
            if not targets and isinstance(call.func, ast.Attribute):  # `Container.session()`: what the provider makes
                found = [(made, self.linked(owner)) for made, owner in python_di.provider_calls(self, m, "", call.func)]
            self._instances[key] = found  # type: ignore[assignment]
        return self._instances[key] or []  # type: ignore[return-value]

    def base_calls(self, m: Module, call: ast.Call, depth: int = 3) -> list[tuple[ast.Call, "Linked"]]:
        if not isinstance(call.func, (ast.Name, ast.Attribute)) or not depth:
            return []
        found: list[tuple[ast.Call, Linked]] = []
        for kind, path, qual in self.resolve(m, "", call.func):
            owner = load(self.repo, path) if kind == "class" else None
            node = owner.defs.get(qual) if owner else None
            call = super_init(owner, qual, call) if owner else call
            for base in node.bases if isinstance(node, ast.ClassDef) else ():
                if any(k == "class" for k, _, _ in self.resolve(owner, "", base)):  # a repository base
                    fake = ast.Call(func=base, args=call.args, keywords=call.keywords)
                    found.extend(self.base_calls(owner, ast.copy_location(fake, call), depth - 1))
                elif isinstance(base, (ast.Name, ast.Attribute)):
                    fake = ast.copy_location(ast.Call(func=base, args=call.args, keywords=call.keywords), call)
                    found.append((fake, self.linked(owner)))
        return found

    def linked(self, m: Module) -> "Linked":
        if m.path not in self._linked:
            self._linked[m.path] = Linked(self, m)
        return self._linked[m.path]

    def imported_values(self, m: Module, expr: ast.expr, depth: int = 3) -> list[tuple[ast.expr, "Linked"]]:
        """What an imported name is assigned in the module it comes from:
        `from .telegram import client` -> the `client = TelegramClient(...)` there;
        `import pkg` ... `pkg.scheduler` -> `scheduler = ...` in pkg/__init__.py."""
        if isinstance(expr, ast.Name) and m.alternates.get(expr.id) and depth > 0:
            from .python_alternates import alternate_values

            return alternate_values(self, m, expr, depth)
        if isinstance(expr, ast.Name):
            binding = m.bindings.get(expr.id)
            if binding is None and m.stars and depth > 0:  # `from . import *` brings `bot` of pkg/__init__.py
                return self._star_values(m, expr.id, depth)
            if binding is None or not binding.attr or depth <= 0:
                return []
            dotted, name = binding.module, binding.attr
            level = binding.level
        elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and m.imported_module(expr.value.id):
            binding = m.bindings[expr.value.id]
            dotted, name, level = binding.module, expr.attr, binding.level
        elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and depth > 0:
            return self._class_attribute(m, expr.value.id, expr.attr)
        else:
            return []
        located = self.locate(m.path, dotted, level)
        owner = load(self.repo, located[1]) if located and located[1] and located[1] != m.path else None
        if owner is None:
            return []
        own = owner.values(name)
        if own:
            return [(value, self.linked(owner)) for value in own]
        if name not in owner.bindings and not owner.stars and "__getattr__" in owner.defs:
            return [(value, self.linked(owner)) for value in self._return_nodes(owner, "__getattr__")]  # PEP 562
        return self.imported_values(owner, ast.Name(id=name), depth - 1)  # re-exported: `from .core import x`

    def _class_attribute(self, m: Module, name: str, attr: str) -> list[tuple[ast.expr, "Linked"]]:
        """`from .holder import Holder` ... `Holder.bot`: what the imported class's body
        assigns to `bot` (`class Holder: bot = telebot.TeleBot(...)`)."""
        binding = m.bindings.get(name)
        if binding is None or not binding.attr:
            return []
        located = self.locate(m.path, binding.module, binding.level)
        owner = load(self.repo, located[1]) if located and located[1] and located[1] != m.path else None
        node = owner.defs.get(binding.attr) if owner is not None else None
        if not isinstance(node, ast.ClassDef):
            return []
        end = getattr(node, "end_lineno", None) or node.lineno
        return [(value, self.linked(owner)) for value in owner.values(attr)
                if node.lineno <= getattr(value, "lineno", 0) <= end]

    def _star_values(self, m: Module, name: str, depth: int) -> list[tuple[ast.expr, "Linked"]]:
        """What `name` is assigned in the first module a star import brings it from."""
        if name.startswith("_"):
            return []
        for star in m.stars[:8]:
            located = self.locate(m.path, star.module, star.level)
            owner = load(self.repo, located[1]) if located and located[1] and located[1] != m.path else None
            if owner is None:
                continue
            own = owner.values(name)
            found = [(value, self.linked(owner)) for value in own] if own else \
                self.imported_values(owner, ast.Name(id=name), depth - 1)
            if found:
                return found
        return []

    @staticmethod
    def _kind(m: Module, qual: str) -> tuple[str, str, str]:
        return ("class" if isinstance(m.defs[qual], ast.ClassDef) else "func", m.path, qual)

    def _follow_all(self, m: Module, name: str, rest: list[str]):
        if not m.alternates.get(name):
            return self._follow(m.path, m.bindings[name], rest, 0)
        from .python_alternates import follow_all  # `try: from x import bot` / `except ImportError: from y ...`

        return follow_all(self, m, name, rest)

    def _follow(self, importer: str, binding: Binding, rest: list[str], depth: int):
        names = ([binding.attr] if binding.attr else []) + rest
        return self._lookup(importer, binding.module, binding.level, names, depth)

    def _lookup(self, importer: str, dotted: str, level: int, names: list[str], depth: int):
        located = self.locate(importer, dotted, level)
        if located is None or depth > 6:
            return []
        for index, name in enumerate(names):
            sub = f"{dotted}.{name}" if dotted else name
            sub_located = self.locate(importer, sub, level)
            if sub_located is not None:
                dotted, located = sub, sub_located
                continue
            return self._attribute(located[1], names[index:], depth) if located[1] else []
        return [("module", located[1], "")] if located[1] else []

    def _attribute(self, path: str, names: list[str], depth: int):
        m = load(self.repo, path)
        if m is None:
            return []
        name, rest = names[0], names[1:]
        if name in m.defs:
            kind = self._kind(m, name)
            if kind[0] == "class" and rest:
                where = self.method_where(path, name, rest[0])
                return [("func", *where)] if where else []
            # `run_bot.delay()`, `task.apply_async()`, `actor.send()`: an attribute of a function
            # queues or wraps it and does not call it here (as for a function of this module)
            return [] if rest else [kind]
        binding = m.bindings.get(name)
        if binding is not None:
            return self._follow(path, binding, rest, depth + 1)
        if len(rest) == 1 and m.values(name):  # `scheduler = Scheduler()` here, `pkg.scheduler.start()` there
            return self.method_on(m, "", ast.Name(id=name), rest[0])
        return next((r for star in m.stars if (r := self._lookup(path, star.module, star.level, names, depth + 1))), [])

    def libs_of(self, m: Module) -> frozenset[str]:
        """Libraries the module imports, and those of the repository modules it imports
        (`from bot import application` counts as using python-telegram-bot)."""
        if m.path not in self._libs:
            libs = set(m.libs)
            for path in self._imported_files(m):
                module = load(self.repo, path)
                libs |= module.libs if module else set()
            self._libs[m.path] = frozenset(libs)
        return self._libs[m.path]

    def _imported_files(self, m: Module) -> list[str]:
        files: list[str] = []
        for binding in (*m.bindings.values(), *(b for bs in m.alternates.values() for b in bs), *m.stars[:8]):  # `from x import *` uses x's libraries too
            for dotted in (binding.module, f"{binding.module}.{binding.attr}" if binding.attr else None):
                located = self.locate(m.path, dotted, binding.level) if dotted is not None else None
                if located and located[1] and located[1] != m.path and located[1] not in files:
                    files.append(located[1])
                    if dotted == binding.module and binding.attr:
                        self._reexported(located[1], binding.attr, files, 3)
        return files

    def _reexported(self, path: str, name: str, files: list[str], depth: int) -> None:
        """`from .core import application` in the package `__init__` a name is imported
        from: the module that really defines it (its libraries are the name's)."""
        owner = load(self.repo, path)
        binding = owner.bindings.get(name) if owner is not None and depth else None
        if binding is None or owner.values(name):
            return
        dotted = binding.module or binding.attr or ""  # `from . import core` names the module core
        located = self.locate(path, dotted, binding.level) if dotted else None
        if located and located[1] and located[1] not in files:
            files.append(located[1])
            if binding.attr:
                self._reexported(located[1], binding.attr, files, depth - 1)


_LOOKED_AT = 6  # values of a name instance_classes follows (the first ones in walk order)


def _cls_call(value: ast.expr, here: bool) -> bool:
    """`cls(...)` (awaited or not) assigned in the module asked about: the one value whose
    class depends on the function it is read in (instance_classes)."""
    while isinstance(value, ast.Await):
        value = value.value
    return here and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "cls"


class Linked:
    """A module's Facts (python_signatures) that also see what an imported name is
    assigned in its own module, so `from .telegram import client; client.start()` knows
    `client` is a TelegramClient."""

    def __init__(self, resolver: Resolver, module: Module):
        self.resolver = resolver
        self.module = module

    def qualified(self, expr: ast.AST) -> str:
        return self.module.qualified(expr)

    def imported_module(self, name: str) -> bool:
        return self.module.imported_module(name)

    def values(self, key: str) -> list[ast.expr]:
        return self.module.values(key)

    def mentions(self, word: str) -> bool:
        return self.module.mentions(word)

    def base_calls(self, call: ast.Call) -> list[tuple[ast.Call, "Linked"]]:
        """`Bot(...)` of a repository `class Bot(Client)`: the same call on its library
        base classes, read in the class's module (so it counts as a `Client(...)`)."""
        return self.resolver.base_calls(self.module, call)

    def returns(self, call: ast.Call) -> list[tuple[ast.expr, "Linked"]]:
        """What a repository function called here returns (`return Client(...)`)."""
        return self.resolver.returned_values(self.module, call)

    def sources(self, expr: ast.expr, limit: int | None = None) -> list[tuple[ast.expr, "Linked"]]:
        """What `expr` is assigned here, or else in the module it is imported from (the
        first `limit` of this module's values, when given)."""
        key = expr.id if isinstance(expr, ast.Name) else "." + expr.attr if isinstance(expr, ast.Attribute) else None
        own = self.module.values(key, limit) if key else []
        if own:
            return [(value, self) for value in own]
        if isinstance(expr, ast.Name):  # `session=Provide[Container.session]`: what the provider makes
            made = [(call, self.resolver.linked(owner)) for provided in python_di.injected_anywhere(self.module, expr.id)
                    for call, owner in python_di.provider_calls(self.resolver, self.module, "", provided)]
            if made:
                return made
        found = self.resolver.imported_values(self.module, expr)
        if not found and isinstance(expr, ast.Name) and self.module.mentions("for "):
            from .python_loopvars import loop_values  # `for client in [reader, writer]: client.start()`

            return [(value, self) for value in loop_values(self.resolver.repo, self.module, expr.id)]
        return found


def chain_root(expr: ast.expr) -> ast.expr:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr


def _scoped_import(m: Module, scope: str, name: str) -> Binding | None:
    """The import that binds `name` in the body of the function `scope` itself (not in a
    nested `def`): inside that function it hides a module-level `def` of the same name.
    The imports of each function are read once (kept on the module)."""
    cache = m.__dict__.setdefault("_scoped_imports", {})
    if scope not in cache:
        cache[scope] = _function_imports(m.defs.get(scope))
    return cache[scope].get(name)


def _function_imports(node) -> dict[str, Binding]:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {}
    found: dict[str, Binding] = {}
    stack = list(node.body[:200])
    for _ in range(2000):
        if not stack:
            break
        stmt = stack.pop()
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                bound = alias.asname or alias.name.split(".")[0]
                found.setdefault(bound, Binding(alias.name if alias.asname else bound, None, 0))
        elif isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                if alias.name != "*":
                    found.setdefault(alias.asname or alias.name, Binding(stmt.module or "", alias.name, stmt.level))
        elif not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                stack.extend(s for s in getattr(stmt, field, None) or () if isinstance(s, (ast.stmt, ast.excepthandler)))
    return found
