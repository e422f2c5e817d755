"""Which JavaScript code runs when `node ENTRY` starts: a static reachability walk.

A unit is a piece of code that runs as a whole: a module's top level, or a function
body. Starting from the entry's top level, a unit reaches the modules it requires or
imports (their top level runs at load), the functions it calls by name (locally or
through an import), class methods called by name on anything, immediately-invoked
functions, and every function it passes as an argument (callbacks of `listen`, `on`,
`then`, `setTimeout`... are assumed to run, `obj.method` and `fn.bind(x)` included). Modules
a loop loads from a directory listing (js_loaders) run too, and their exports are reached
through the value the loop holds. A function nobody reaches never runs.
The walk enters only modules that can lead to a fact (js_relevance); the others are read
for values on demand, never walked.
"""
from __future__ import annotations

import posixpath
from collections import deque
from ..record import dataclass

from ..model import Location, Step
from ..repo import Repo
from ..treesitter import ancestors, node_text
from .js_expr import source_of
from .js_routes import route
from .js_branches import Branches
from .js_loaders import is_loader_call, loaded, loaded_exports, methods_named, object_methods
from .js_module import node_key as local_key
from .js_params import is_parameter
from .js_module import (CLASS_TYPES, FUNCTION_TYPES, Binding, Module, call_source, fluent_root,
                        load, name_of, resolve, string_value, strip)

MAX_DEPTH = 12  # re-export chains longer than this are not followed


@dataclass(frozen=True, eq=False)
class Unit:
    module: Module
    node: object  # the program or function node whose own code runs
    trace: tuple[Step, ...]  # how the entry reaches it
    parent: "Unit | None" = None
    site: object = None  # the node in `parent` that reached it (call, require, import)
    # "`POST /start`": code that runs when the server handles a request (a route callback and
    # what it calls), not at start-up (js_routes)
    request: str = ""


def context(unit: Unit, node):
    """(module, ancestor, child-on-the-way) from `node` up to the entry, through the
    call sites and imports that reached each enclosing unit."""
    while unit is not None and node is not None:
        child = node
        for parent in ancestors(unit.module.root, node):
            if child == unit.node:
                break
            yield unit.module, parent, child
            child = parent
        node, unit = unit.site, unit.parent


def short(node, limit: int = 40) -> str:
    # only the head of the node's text is read: a long chain's whole text per step is quadratic
    head = node.text[: limit * 8] if node.end_byte - node.start_byte > limit * 8 else node.text
    text = " ".join(head.decode("utf-8", errors="replace").split())
    if len(head) < node.end_byte - node.start_byte and len(text) <= limit:
        text = " ".join(node_text(node).split())  # mostly blanks: the whole text after all
    return text if len(text) <= limit else text[: limit - 3] + "..."


MAX_AUTO_IMPORTS = 200  # names one Nitro util module contributes


class Program:
    """The modules and units that run when `entry` starts."""

    def __init__(self, repo: Repo, entry: str, variant: str = "", args: tuple[str, ...] = ()):
        self.repo = repo
        self.args = args  # the program's argument words (yargs commands, js_yargs)
        self.command_levels: dict[str, int] = {}  # command module -> which argument word it reads
        self.variant = variant  # "", "cluster-worker", "worker-thread": which branches of the code run
        self.branches = Branches(entry, variant)  # `require.main`, cluster and worker-thread branches
        self.flags = self.branches.flags
        self.units: list[Unit] = []
        self.calls: list[tuple[Unit, object]] = []  # every call and `new` that runs, in walk order
        self.modules: dict[str, Module] = {}
        self._seen: set[tuple] = set()
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._imports: dict[str, list[Module]] = {}
        self.entry = entry
        self.relevant = None  # js_relevance.Relevance while the walk runs, then None
        start = self.module(entry)
        if start is not None:
            from .js_relevance import Relevance

            self.relevant = Relevance(repo, self.resolved)
            try:
                self._walk(Unit(start, start.root, ()))
                if variant == "next-server":
                    self._next_server(entry)
                elif variant == "nitro-server":
                    self._nitro_server(entry)
            finally:
                self.relevant = None

    def _next_server(self, entry: str) -> None:
        """The Next.js server: it loads the instrumentation file and calls its register(),
        and loads each route module on its first request (runners/next.server_files)."""
        from ..runners.next import project_of, server_files

        instrumentation, routes = server_files(self.repo, project_of(entry))
        for path, note in ([(instrumentation, "Next.js loads the instrumentation file at server start")] if instrumentation else []) \
                + [(route, "Next.js loads the route module on its first request") for route in routes]:
            module = self.module(path)
            if module is None:
                continue
            if node_key(module, module.root) not in self._seen:
                self._walk(Unit(module, module.root, (Step(Location(path, 1, 1), note),)))
            if path == instrumentation:
                for owner, function in self.functions(self.export(module, "register")):
                    if node_key(owner, function) not in self._seen:
                        where = Location(owner.path, function.start_point[0] + 1, owner.location(function).column)
                        self._walk(Unit(owner, function, (Step(where, "Next.js calls register() at server start"),)))

    def _nitro_server(self, entry: str) -> None:
        """The Nitro server (Nuxt): it runs each server plugin's default export once at
        start, `defineNitroPlugin(fn)` or a bare function (runners/nuxt.plugin_files)."""
        from ..runners.nuxt import in_folder, util_files

        folder = posixpath.dirname(entry)
        utils: dict[str, str] = {}  # auto-imported name -> the util module exporting it
        for path in util_files(self.repo, folder):
            found = self.module(path)
            for name in list(found.exports)[:MAX_AUTO_IMPORTS] if found is not None else ():
                utils.setdefault(name, path)
        for path in in_folder(self.repo, folder):
            module = self.module(path)
            if module is None:
                continue
            for name, util in utils.items():
                if name != "default" and name not in module.imports and name not in module.functions \
                        and name not in module.values:
                    spec = posixpath.relpath(util, posixpath.dirname(path) or ".")
                    module.imports[name] = Binding(spec if spec.startswith(".") else "./" + spec, name)
            if node_key(module, module.root) not in self._seen:
                self._walk(Unit(module, module.root, (Step(Location(path, 1, 1), "the Nitro server loads its plugins at start"),)))
            found = self.export(module, "default")
            if found is not None and not isinstance(found[1], str) and strip(found[1]) is not None \
                    and strip(found[1]).type == "call_expression":  # defineNitroPlugin(fn)
                arguments = strip(found[1]).child_by_field_name("arguments")
                found = (found[0], arguments.named_children[0]) if arguments is not None and arguments.named_children else None
            for owner, function in self.functions(found):
                if node_key(owner, function) not in self._seen:
                    where = Location(owner.path, function.start_point[0] + 1, owner.location(function).column)
                    self._walk(Unit(owner, function, (Step(where, "the Nitro server runs the plugin at start"),)))

    # -- modules and names -----------------------------------------------------------------
    def module(self, path: str | None) -> Module | None:
        if path is None:
            return None
        if path in self.modules:
            return self.modules[path]
        found = load(self.repo, path)
        if found is not None:
            self.modules.setdefault(path, found)
            from .js_reexports import flatten

            flatten(self, found)  # `import { Bot } from "./deps"` of `export { Bot } from "grammy"`
        return found

    def imported(self, module: Module, source: str) -> Module | None:
        return self.module(self.resolved(module.path, source))

    def resolved(self, path: str, source: str) -> str | None:
        key = (posixpath.dirname(path), source)  # resolution depends on the directory only
        if key not in self._resolved:
            self._resolved[key] = resolve(self.repo, path, source)
        return self._resolved[key]

    def walked(self, module: Module, source: str | None) -> Module | None:
        """The module `source` names, if the walk must enter it (js_relevance)."""
        if not source:
            return None
        path = self.resolved(module.path, source)
        return self.module(path) if self.relevant is None or self.relevant(path) else None

    def _enters(self, module: Module, name: str | None) -> bool:
        """False when local `name` is imported from a module the walk need not enter."""
        binding = module.imports.get(name) if name else None
        if binding is None or not binding.relative or self.relevant is None:
            return True
        return self.relevant(self.resolved(module.path, binding.source))

    def definition(self, module: Module, name: str, depth: int = 0):
        """(module, local name or node) that `name` in `module` stands for, across imports."""
        binding = module.imports.get(name)
        if binding is None or not binding.relative:
            return module, name
        target = self.imported(module, binding.source)
        if target is None or depth > MAX_DEPTH:
            return None
        return self.export(target, binding.name or "default", depth + 1)

    def export(self, module: Module, name: str, depth: int = 0):
        """(module, local name or node) that `module` exports as `name`."""
        if depth > MAX_DEPTH:
            return None
        value = module.exports.get(name)
        if value is None:
            for source in module.star_sources:
                target = self.imported(module, source)
                found = self.export(target, name, depth + 1) if target is not None else None
                if found is not None:
                    return found
            return None
        if isinstance(value, Binding):
            target = self.imported(module, value.source)
            return self.export(target, value.name or "default", depth + 1) if target is not None else None
        if isinstance(value, str):
            return self.definition(module, value, depth + 1)
        return module, value

    def functions(self, found) -> list[tuple[Module, object]]:
        """Function and class nodes a definition stands for."""
        if found is None:
            return []
        module, value = found
        nodes = module.functions.get(value, []) if isinstance(value, str) else [strip(value)]
        return [(module, n) for n in nodes if n is not None and (n.type in FUNCTION_TYPES or n.type in CLASS_TYPES)]

    def instance(self, module: Module, name: str):
        """(module, `new X()` node) that local `name` holds, across imports."""
        found = self.definition(module, name)
        if found is None:
            return None
        owner, value = found
        node = owner.instances.get(value) if isinstance(value, str) else strip(value)
        node = fluent_root(node) if node is not None else None
        return (owner, node) if node is not None and node.type == "new_expression" else None

    def member(self, module: Module, obj, name: str, by_name: bool = True) -> list[tuple[Module, object]]:
        """Functions `obj.name` may stand for: an export of an imported module, else methods
        called by name in this file and the files it imports (with `by_name`, or on `this`)."""
        obj = strip(obj)
        source = call_source(obj)
        binding = module.imports.get(node_text(obj)) if obj is not None and obj.type == "identifier" else None
        if source is None and binding is not None and binding.relative:
            source = binding.source
        if source is not None:
            target = self.walked(module, source)
            if target is None:
                return []
            if binding is not None and binding.name not in (None, "default") and call_source(obj) is None:
                return object_methods(self, target, binding.name, name)  # `import { service } from`: service.start
            found = self.functions(self.export(target, name))
            return found or self._default_methods(target, name)
        parameter = obj is not None and obj.type == "identifier" and binding is None and is_parameter(module, obj)
        if parameter:  # `import('./bot').then((m) => m.startBot())`: the module's export
            then_exports = self._loaded_exports(module, obj, name)
            if then_exports:
                return then_exports
        if obj is not None and obj.type == "identifier" and binding is None and not parameter:
            loaded_exports = self._loaded_exports(module, obj, name)  # `event.execute()` of a module a loop required
            if loaded_exports:
                return loaded_exports
            made = self.instance(module, node_text(obj))  # `server.start()` on `new Server()`: that class's start()
            methods = self._class_methods(*made, name) if made is not None else []
            if methods:
                return methods
            if made is None:
                from .js_di import class_methods

                injected = class_methods(self, module, obj, name)  # `container.get(TYPES.Bot).start()`
                if injected is not None:
                    return injected
                methods = self._made_by_factory(module, obj, name)
                if methods:
                    return methods
        if obj is not None and obj.type == "member_expression":
            from .js_di import injected_methods

            injected = injected_methods(self, module, obj, name)  # `this.bots.start()`, constructor(private bots: BotService)
            if injected:
                return injected
        if not by_name and (obj is None or obj.type != "this"):
            return []
        found = [(module, n) for n in module.methods.get(name, [])]
        for target in self._neighbours(module):
            found += [(target, n) for n in target.methods.get(name, [])]
        return found

    def _made_by_factory(self, module: Module, obj, name: str) -> list[tuple[Module, object]]:
        """Methods `name` of the object a repository factory function returned into `obj`."""
        if module.values.get(node_text(obj)) is None:
            return []
        from .js_values import constructed

        made = constructed(self, module, obj)
        return self._class_methods(*made, name) if made is not None else []

    def _loaded_exports(self, module: Module, identifier, name: str | None) -> list[tuple[Module, object]]:
        return loaded_exports(self, module, identifier, name)

    def _default_methods(self, module: Module, name: str) -> list[tuple[Module, object]]:
        """Methods `name` of the object a module exports as a whole: `module.exports = new
        ReminderBot()` (the class's method), `module.exports = { run() {} }`, or a class
        itself (`module.exports = WpController`: its static `WpController.start`)."""
        found = self.export(module, "default")
        if found is None:
            return []
        owner, value = found
        node = strip(owner.instances.get(value) or owner.values.get(value)) if isinstance(value, str) else strip(value)
        if node is None:
            return [(o, m) for o, cls in self.functions(found) if cls.type in CLASS_TYPES for m in methods_named(cls, name)]
        if node.type != "new_expression":
            return []
        return self._class_methods(owner, node, name)

    def _class_methods(self, owner: Module, node, name: str) -> list[tuple[Module, object]]:
        """Methods `name` of the repository class a `new X()` node constructs."""
        from .js_instances import constructed_class

        methods = []
        for cls_owner, cls in self.functions(constructed_class(self, owner, node)):
            body = cls.child_by_field_name("body") if cls.type in CLASS_TYPES else None
            for member in body.named_children if body is not None else ():
                if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == name:
                    methods.append((cls_owner, member))
        return methods

    def _neighbours(self, module: Module) -> list[Module]:
        """The repo modules `module` imports by name (where its classes may come from)."""
        key = module.path if self.relevant is None else (module.path, "walk")
        if key not in self._imports:
            targets = (self.walked(module, b.source) for b in module.imports.values() if b.relative)
            self._imports[key] = list({t.path: t for t in targets if t is not None and t is not module}.values())
        return self._imports[key]

    # -- the walk ---------------------------------------------------------------------------
    def _walk(self, start: Unit) -> None:
        queue = deque([start])
        deferred: deque = deque()  # request handlers (js_routes): after all start-up code, so a
        # function both start-up code and a handler call keeps its start-up trace
        self._seen.add(node_key(start.module, start.node))
        while queue or deferred:
            unit = queue.popleft() if queue else deferred.popleft()
            self.units.append(unit)
            for node in unit.module.own_nodes(unit.node):
                if self._skipped(unit, node):
                    continue
                if node.type in ("call_expression", "new_expression"):
                    self.calls.append((unit, node))
                for module, target, note in self._reached(unit, node):
                    if target.type in CLASS_TYPES:
                        continue
                    key = node_key(module, target)
                    if key in self._seen:
                        continue
                    self._seen.add(key)
                    where = Location(module.path, target.start_point[0] + 1, module.location(target).column)
                    request = unit.request or (route(unit.module, node, target) if node.type == "call_expression" else "")
                    (deferred if request else queue).append(Unit(module, target, unit.trace + (Step(where, note),), unit, node, request))

    def _skipped(self, unit: Unit, node) -> bool:
        return self.branches.skipped(unit, node)

    def _reached(self, unit: Unit, node):
        module = unit.module
        if node.type in ("import_statement", "export_statement"):
            if node.child_count > 1 and node.children[1].type == "type":
                return  # `import type ...` / `export type ... from`: erased by TypeScript, never loaded
            source = string_value(node.child_by_field_name("source"))
            target = self.walked(module, source)
            if target is not None:
                yield target, target.root, f"imported by {module.where(node)}"
            return
        if node.type not in ("call_expression", "new_expression"):
            return
        yield from self._callee(unit, node)
        if node.type == "call_expression" and module.mentions(b"commandDir"):
            from . import js_yargs

            if js_yargs.is_command_dir(self, module, node):
                yield from js_yargs.reached(self, unit, node)
        if "@nestjs/core" in module.packages or "nest-commander" in module.packages:
            from .js_nest import bootstrap

            yield from bootstrap(self, unit, node)
        args = node.child_by_field_name("arguments")
        callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        if args is None or args.type != "arguments" or callee is None:
            return
        if self.args and module.mentions(b"command"):
            from . import js_yargs

            if js_yargs.other_command(self, module, node):
                return  # `.command('migrate', ..., handler)` when the arguments name another command
        for arg in args.named_children:
            arg = _unbound(strip(arg))
            if arg.type in FUNCTION_TYPES:
                yield module, arg, f"callback passed to `{short(callee)}()` at {module.where(node)}"
            elif arg.type == "identifier" and self._enters(module, node_text(arg)):
                found = self.functions(self.definition(module, node_text(arg))) or self._loaded_exports(module, arg, None)
                for owner, fn in found:  # (`const { execute } = require(file)` of a directory loop: its export)
                    yield owner, fn, f"`{node_text(arg)}` passed to `{short(callee)}()` at {module.where(node)}"
            elif arg.type == "member_expression":  # `app.post('/x', controller.start)`, `client.on(e.name, e.execute)`
                prop = name_of(arg.child_by_field_name("property"))
                for owner, fn in self.member(module, arg.child_by_field_name("object"), prop, by_name=False) if prop else ():
                    yield owner, fn, f"`{short(arg)}` passed to `{short(callee)}()` at {module.where(node)}"

    def _callee(self, unit: Unit, node):
        module = unit.module
        source = source_of(module, node)
        if source is not None:
            target = self.walked(module, source)
            if target is not None:
                verb = "required" if node_text(node.child_by_field_name("function")) == "require" else "imported"
                yield target, target.root, f"{verb} by {module.where(node)}"
            return
        at = module.where(node)
        if is_loader_call(node):  # `require(path.join(dir, file))` in a loop over a directory
            for path in loaded(self, module, node):
                target = self.module(path) if self.relevant is None or self.relevant(path) else None
                if target is not None:
                    yield target, target.root, f"loaded from a directory listing by {at}"
            return
        if node.type == "new_expression":
            constructor = strip(node.child_by_field_name("constructor"))
            name = name_of(constructor)
            for owner, cls in self.functions(self.definition(module, name)) if name and self._enters(module, name) else ():
                for method in _constructors(cls):
                    yield owner, method, f"`new {name}()` at {at}"
            return
        callee = strip(node.child_by_field_name("function"))
        if callee is None:
            return
        if callee.type in FUNCTION_TYPES:
            yield module, callee, f"called immediately at {at}"
        elif call_source(callee) is not None:  # require('./setup')(bot)
            target = self.walked(module, call_source(callee))
            for owner, fn in self.functions(self.export(target, "default")) if target is not None else ():
                yield owner, fn, f"`{short(callee)}()` called at {at}"
        elif is_loader_call(callee):  # require(path.join(dir, file))(bot) in a directory loop
            for path in loaded(self, module, callee):
                target = self.module(path) if self.relevant is None or self.relevant(path) else None
                for owner, fn in self.functions(self.export(target, "default")) if target is not None else ():
                    yield owner, fn, f"`{short(callee)}()` called at {at}"
        elif callee.type == "identifier" and self._enters(module, node_text(callee)):
            found = self.functions(self.definition(module, node_text(callee)))
            if not found:  # `const { startCron } = await import(file)` in a directory loop
                found = self._loaded_exports(module, callee, None)
            for owner, fn in found:
                yield owner, fn, f"`{node_text(callee)}()` called at {at}"
        elif callee.type == "member_expression":
            obj, prop = callee.child_by_field_name("object"), name_of(callee.child_by_field_name("property"))
            if prop in ("call", "apply", "bind") and name_of(obj):
                for owner, fn in self.functions(self.definition(module, node_text(obj))) if self._enters(module, node_text(obj)) else ():
                    yield owner, fn, f"`{short(callee)}()` called at {at}"
            elif prop:
                for owner, fn in self.member(module, obj, prop):
                    yield owner, fn, f"`{short(callee)}()` called at {at}"


def _unbound(arg):
    """`handler` of `handler.bind(this)` passed as a callback (the function it binds runs)."""
    if arg.type == "call_expression":
        callee = strip(arg.child_by_field_name("function"))
        if callee is not None and callee.type == "member_expression" and name_of(callee.child_by_field_name("property")) == "bind":
            inner = strip(callee.child_by_field_name("object"))
            if inner is not None and inner.type in ("identifier", "member_expression"):
                return inner
    return arg


def _constructors(cls):
    body = cls.child_by_field_name("body")
    for member in body.named_children if body is not None else ():
        if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == "constructor":
            yield member


def node_key(module: Module, node) -> tuple:
    """A node's identity across the program (tree-sitter nodes are re-created on access)."""
    return (module.path, *local_key(node))


MAX_PARENTS = 400  # how far up js_spawn looks for the function holding a call

