"""NestJS: the framework creates the objects, so their code runs without a visible call.

`NestFactory.create(AppModule)` (also `createApplicationContext`, `createMicroservice`,
nest-commander's `CommandFactory.run`) instantiates every provider and controller of the
module graph (`@Module({ imports, providers, controllers })`, dynamic modules returned by
a repo module's static `forRoot()`, `forwardRef(() => X)`): their constructors, field
initialisers and `onModuleInit` / `onApplicationBootstrap` run at start-up, as do
`useFactory` providers. Bot modules started by the framework:
- nestjs-telegraf `TelegrafModule.forRoot({ token, launchOptions })` / `forRootAsync`:
  `bot.launch(launchOptions)` unless `launchOptions: false` (a webhook when
  `launchOptions.webhook` is set);
- @grammyjs/nestjs `NestjsGrammyModule.forRoot({ token, useWebhook })`: polling unless useWebhook;
- necord `NecordModule.forRoot` and @discord-nestjs `DiscordModule.forRoot[Async]`: a
  Discord gateway connection.
"""
from __future__ import annotations

import re

from ..model import Step
from ..treesitter import node_text
from . import js_values
from .js_expr import arguments, callee_of, env_name, is_false
from .js_module import CLASS_TYPES, FUNCTION_TYPES, Module, name_of, string_value, strip
from .js_reach import Program, Unit, short
from ..patterns import lazy_re

FACTORIES = {("@nestjs/core", "NestFactory.create"), ("@nestjs/core", "NestFactory.createApplicationContext"),
             ("@nestjs/core", "NestFactory.createMicroservice"), ("nest-commander", "CommandFactory.run"),
             ("nest-commander", "CommandFactory.runWithoutClosing")}
HOOKS = ("onModuleInit", "onApplicationBootstrap")
BOT_MODULES = {
    ("nestjs-telegraf", "TelegrafModule"): "nestjs-telegraf",
    ("@grammyjs/nestjs", "NestjsGrammyModule"): "@grammyjs/nestjs",
    ("necord", "NecordModule"): "necord",
    ("@discord-nestjs/core", "DiscordModule"): "@discord-nestjs/core",
}
MAX_MODULES = 500  # module classes visited per program
MAX_NESTING = 60  # modules importing modules (and forwardRef wrappers), followed this deep
CONFIG_GET = lazy_re(r"config", re.IGNORECASE)


def bootstrap(program: Program, unit: Unit, node):
    """(module, function or class body, note) that `NestFactory.create(AppModule)` runs."""
    module = unit.module
    callee = callee_of(module, node)
    if callee is None or (callee.package, callee.qualified) not in FACTORIES:
        return
    args = arguments(node)
    if not args:
        return
    state = _state(program)
    at = module.where(node)
    for owner, cls in _classes(program, module, args[0]):
        yield from _module(program, unit, node, owner, cls, f"`{short(node, 40)}` at {at}", state, (), at)


def detect(program: Program):
    """(unit, Hit) for the bot modules the Nest graph of this program starts."""
    from .js_bots import Hit, _telegram

    hits = []
    for unit, call, library in _state(program)["roots"]:
        module = unit.module
        options = _options(program, module, call, library)
        token = _token(program, options)
        what = f"`{short(call.child_by_field_name('function'), 40)}()` (launched by Nest at start-up)"
        if library in ("necord", "@discord-nestjs/core"):
            hits.append((unit, Hit("gateway", f"Discord gateway ({library})", "discord", call,
                                   f"{what} connects to the Discord gateway ({library})", token or "DISCORD_TOKEN")))
            continue
        for kind in _telegram_kinds(program, options, library):
            hit = _telegram("webhook" if kind == "webhook" else "polling", "telegraf", call, token, what)
            label = library
            hit.singleton = hit.singleton.replace("(Telegraf)", f"({label})")
            hit.note = hit.note.replace("(Telegraf)", f"({label})")
            if kind == "polling-fallback":
                hit.kind = "polling-fallback"
                hit.note += ", unless the environment adds the webhook option"
            hits.append((unit, hit))
    return hits


# -- the module graph -----------------------------------------------------------------------------
def _state(program: Program) -> dict:
    state = program.__dict__.get("_nest")
    if state is None:
        state = program.__dict__["_nest"] = {"seen": set(), "roots": []}
    return state


def _module(program: Program, unit: Unit, site, owner: Module, cls, how: str, state: dict, chain: tuple, via: str):
    key = (owner.path, cls.start_byte)
    if key in state["seen"] or len(state["seen"]) >= MAX_MODULES or len(chain) > MAX_NESTING:
        return  # a chain of modules importing modules: followed MAX_NESTING deep, not to the recursion limit
    state["seen"].add(key)
    name = name_of(cls.child_by_field_name("name")) or "module"
    steps = (*chain, Step(owner.location(cls), f"Nest module `{name}` ({how})"))
    via = f"{via} > {name}"
    yield from _instantiated(owner, cls, f"Nest creates module `{name}` ({how})")
    metadata = _metadata(owner, cls)
    if metadata is not None:
        yield from _metadata_units(program, unit, site, owner, metadata, name, state, steps, via)


def _metadata_units(program: Program, unit: Unit, site, owner: Module, metadata, name: str, state: dict, steps, via: str):
    entries = js_values.entries(metadata)
    for field in ("providers", "controllers"):
        for element_owner, element in _elements(program, owner, entries.get(field)):
            yield from _provider(program, element_owner, element, f"{field[:-1]} of Nest module `{name}` (Nest start-up at {via})")
    for element_owner, element in _elements(program, owner, entries.get("imports")):
        yield from _import(program, unit, site, element_owner, element, name, state, steps, via)


def _import(program: Program, unit: Unit, site, owner: Module, element, name: str, state: dict, steps, via: str,
            hops: int = 0):
    element = strip(element)
    if element.type == "call_expression":
        callee = callee_of(owner, element)
        if callee is None:
            return
        if callee.method == "forwardRef":
            target = js_values.returned(arguments(element)[0]) if arguments(element) else None
            if target is not None and hops < MAX_NESTING:  # forwardRef(() => forwardRef(...)): bounded
                yield from _import(program, unit, site, owner, target, name, state, steps, via, hops + 1)
            return
        imported = callee.binding.name if callee.binding is not None and callee.binding.name not in (None, "default") else callee.root
        library = BOT_MODULES.get((callee.package, imported)) if callee.package else None
        if library is not None and callee.method.startswith(("forRoot", "register")):
            root = Unit(owner, owner.root, unit.trace + steps, unit, site)
            state["roots"].append((root, element, library))
            return
        for cls_owner, cls in _classes(program, owner, callee.root_node) if callee.root else ():
            # a repo module's `static forRoot()` returns a dynamic module: { module, providers, imports }
            yield from _module(program, unit, site, cls_owner, cls, f"imported by `{name}`", state, steps, via)
            method = _static(cls, callee.method)
            returned = js_values.returned(method) if method is not None else None
            if returned is not None and returned.type == "object":
                yield from _metadata_units(program, unit, site, cls_owner, returned, name, state, steps, via)
        return
    for cls_owner, cls in _classes(program, owner, element):
        yield from _module(program, unit, site, cls_owner, cls, f"imported by `{name}`", state, steps, via)


def _provider(program: Program, owner: Module, element, role: str):
    element = strip(element)
    if element.type == "object":  # { provide, useFactory | useClass | useValue }
        entries = js_values.entries(element)
        factory = strip(entries.get("useFactory"))
        if factory is not None:
            found = js_values.resolve(program, owner, factory)
            if found is not None and found[1] is not None and strip(found[1]).type in FUNCTION_TYPES:
                yield found[0], strip(found[1]), f"`useFactory` of a {role}: Nest calls it at start-up"
        if entries.get("useClass") is not None:
            for cls_owner, cls in _classes(program, owner, entries["useClass"]):
                yield from _instantiated(cls_owner, cls, f"`useClass` of a {role}: Nest creates it at start-up")
        return
    for cls_owner, cls in _classes(program, owner, element):
        name = name_of(cls.child_by_field_name("name")) or "class"
        yield from _instantiated(cls_owner, cls, f"`{name}`, {role}: Nest creates it at start-up")


def _instantiated(owner: Module, cls, note: str):
    """A class Nest creates: constructor, field initialisers, lifecycle hooks."""
    body = cls.child_by_field_name("body")
    if body is None:
        return
    yield owner, body, note
    for member in body.named_children:
        if member.type != "method_definition":
            continue
        method = name_of(member.child_by_field_name("name"))
        if method == "constructor":
            yield owner, member, note
        elif method in HOOKS:
            yield owner, member, f"{note}, then calls `{method}()`"


def _classes(program: Program, module: Module, node) -> list:
    """Repo class nodes an expression names (across imports and re-exports)."""
    node = strip(node)
    if node is not None and node.type in CLASS_TYPES:  # a class `_exported_classes` found
        return [(module, node)]
    if node is None or node.type != "identifier":
        return []
    return [(owner, fn) for owner, fn in program.functions(program.definition(module, node_text(node)))
            if fn.type in CLASS_TYPES]


def _elements(program: Program, owner: Module, node, depth: int = 0):
    """(module, element) of an array literal (or a constant holding one), spreads followed."""
    found = js_values.resolve(program, owner, node) if node is not None and depth < 8 else None
    if found is None or found[1] is None or found[1].type != "array":
        return
    array_owner, array = found
    for element in array.named_children:
        if element.type == "spread_element" and element.named_children:
            inner = strip(element.named_children[0])
            if inner is not None and inner.type == "call_expression" and node_text(inner.child_by_field_name("function")) \
                    in ("Object.values", "Object['values']") and arguments(inner):
                # `...Object.values(Modules)` of `import * as Modules from './modules'`: every class it exports
                target = js_values.resolve(program, array_owner, arguments(inner)[0])
                if target is not None and target[1] is None:
                    yield from _exported_classes(program, target[0], set())
                continue
            yield from _elements(program, array_owner, inner, depth + 1)
        elif element.type != "comment":
            yield array_owner, element


MAX_EXPORTED = 200  # classes taken from one namespace


def _exported_classes(program: Program, module: Module, seen: set, depth: int = 0):
    """(module, class node) of each class a module exports, through `export * from` (bounded)."""
    if module.path in seen or depth > 4 or len(seen) > MAX_EXPORTED:
        return
    seen.add(module.path)
    for name in list(module.exports)[:MAX_EXPORTED]:
        for owner, fn in program.functions(program.export(module, name)):
            if fn.type in CLASS_TYPES:
                yield owner, fn
    for source in module.star_sources[:MAX_EXPORTED]:
        target = program.imported(module, source)
        if target is not None:
            yield from _exported_classes(program, target, seen, depth + 1)


def _metadata(owner: Module, cls):
    """The object of `@Module({...})` on a class."""
    decorators = [c for c in cls.children if c.type == "decorator"]
    if cls.parent is not None and cls.parent.type == "export_statement":
        decorators += [c for c in cls.parent.children if c.type == "decorator"]
    for decorator in decorators:
        call = next((c for c in decorator.named_children if c.type == "call_expression"), None)
        if call is None:
            continue
        callee = callee_of(owner, call)
        if callee is not None and callee.method == "Module" and callee.package in ("@nestjs/common", None):
            args = arguments(call)
            return args[0] if args and args[0].type == "object" else None
    return None


def _static(cls, name: str):
    body = cls.child_by_field_name("body")
    for member in body.named_children if body is not None else ():
        if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == name:
            return member
    return None


# -- the bot modules' options -----------------------------------------------------------------------
def _options(program: Program, module: Module, call, library: str):
    """The options object a bot module is configured with, (module, node) or None."""
    args = arguments(call)
    if not args:
        return None
    options = js_values.resolve(program, module, args[0])
    method = callee_of(module, call).method
    if not method.endswith("Async") or options is None or options[1] is None:
        return options
    factory = js_values.entry(program, options, "useFactory")
    if factory is not None and factory[1] is not None and strip(factory[1]).type in FUNCTION_TYPES:
        returned = js_values.returned(factory[1])
        return js_values.resolve(program, factory[0], returned) if returned is not None else None
    for key in ("useClass", "useExisting"):
        value = js_values.entries(options[1]).get(key)
        for owner, cls in _classes(program, options[0], value) if value is not None else ():
            body = cls.child_by_field_name("body")
            for member in body.named_children if body is not None else ():
                if member.type == "method_definition" and (name_of(member.child_by_field_name("name")) or "").startswith("create"):
                    returned = js_values.returned(member)
                    return js_values.resolve(program, owner, returned) if returned is not None else None
    return None


def _telegram_kinds(program: Program, options, library: str) -> list[str]:
    if library == "@grammyjs/nestjs":
        webhook = js_values.entry(program, options, "useWebhook")
        return ["webhook"] if webhook is not None and not is_false(webhook[1]) else ["polling"]
    launch = js_values.entry(program, options, "launchOptions")
    if launch is None or launch[1] is None:
        return ["polling"]
    if is_false(launch[1]):
        return []  # the bot is created but never launched (the app serves its webhookCallback)
    if launch[1].type != "object":
        return ["polling"]
    webhook = js_values.entry(program, launch, "webhook")
    if webhook is not None and not is_false(webhook[1]):
        return ["webhook"]
    if any(c.type == "spread_element" and "webhook" in node_text(c) for c in launch[1].named_children):
        return ["webhook", "polling-fallback"]  # `...(isProd && { webhook: {...} })`
    return ["polling"]


def _token(program: Program, options) -> str:
    token = js_values.entry(program, options, "token") if options is not None else None
    if token is None or token[1] is None:
        return ""
    owner, node = token
    name = env_name(owner, node)
    if name:
        return name
    node = strip(node)
    if node.type == "binary_expression":
        node = strip(node.child_by_field_name("left"))
    if node is not None and node.type == "call_expression":  # configService.get('TELEGRAM_BOT_TOKEN')
        callee = callee_of(owner, node)
        args = arguments(node)
        if callee is not None and callee.method in ("get", "getOrThrow") and args and string_value(args[0]) \
                and CONFIG_GET.search(node_text(node.child_by_field_name("function"))):
            return string_value(args[0])
    return ""
