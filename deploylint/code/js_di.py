"""Objects a dependency-injection container hands out: which class `bot` is in
`const bot = container.get<Bot>(TYPES.Bot); bot.start()`.

InversifyJS binds a service identifier to a class (`container.bind<IBot>(TYPES.Bot).to(Bot)`,
`bind(Bot).toSelf()`); `container.get(TYPES.Bot)` (or getAsync, resolve) returns an instance
of it. tsyringe's `container.resolve(Bot)` and TypeDI's `Container.get(Bot)` name the class
itself. The type argument (`get<Bot>`) is often an interface, so the binding decides.

The binding is looked up in the module that defines the container (where `container`
comes from, as the walk resolves names), then in the modules defining the ContainerModules
it loads (`container.load(botModule)`, whose callback calls `bind(TYPES.Bot).to(Bot)`); one
regular expression over each module's text, only when a method is called on a value
obtained this way.
"""
from __future__ import annotations

import re

from ..patterns import lazy_re
from ..treesitter import node_text
from .js_module import CLASS_TYPES, Module, name_of, strip

GETTERS = frozenset({"get", "getAsync", "resolve", "getNamed", "getTagged"})


def container_get(call):
    """(container, key) of a dependency-injection getter call: `container.get(KEY)`,
    `Container.resolve(Bot)`, `.getAsync(...)`; None for any other node."""
    call = strip(call)
    if call is None or call.type != "call_expression":
        return None
    callee = strip(call.child_by_field_name("function"))
    args = call.child_by_field_name("arguments")
    if callee is None or callee.type != "member_expression" or args is None or not args.named_children \
            or name_of(callee.child_by_field_name("property")) not in GETTERS:
        return None
    return strip(callee.child_by_field_name("object")), strip(args.named_children[0])
MAX_KEY = 120


def class_methods(program, module: Module, obj, name: str) -> list | None:
    """Methods `name` of the class a container gives `obj` (a local constant holding
    `container.get(KEY)`); None when `obj` is not such a value."""
    if obj is None or obj.type != "identifier":
        return None
    got = container_get(module.values.get(node_text(obj)))
    if got is None:
        return None
    container, key = got
    if container is None or container.type != "identifier" or key is None:
        return None
    classes = []
    if key.type == "identifier":  # container.resolve(Bot): the class itself
        classes = program.functions(program.definition(module, node_text(key)))
    if not classes and len(node_text(key)) <= MAX_KEY:
        found = program.definition(module, node_text(container))
        owner = found[0] if found is not None else module
        for binder in [owner, *_loaded_modules(program, owner)]:  # `container.load(botModule)`
            bound = _bound_class(binder, node_text(key))
            if bound is not None:
                classes = program.functions(program.definition(binder, bound))
                break
    methods = []
    for owner, cls in classes:
        if cls.type not in CLASS_TYPES or (program.relevant is not None and not program.relevant(owner.path)):
            continue
        body = cls.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == name:
                methods.append((owner, member))
    return methods if classes else None


MAX_LOADED = 20  # ContainerModules one container module loads


def _loaded_modules(program, module: Module) -> list[Module]:
    """The modules defining the ContainerModules `module` loads: `container.load(botModule,
    dbModule)` with `botModule` imported from './bot.module' (InversifyJS)."""
    if module.source.find(b".load") < 0:
        return []
    text = module.source.decode("utf-8", errors="replace")
    found: list[Module] = []
    for match in _LOAD.finditer(text):
        for name in re.findall(r"[A-Za-z_$][\w$]*", match.group(1))[:MAX_LOADED]:
            where = program.definition(module, name)
            if where is not None and where[0] is not module and where[0] not in found:
                found.append(where[0])
        if len(found) >= MAX_LOADED:
            break
    return found


_LOAD = lazy_re(r"\.\s*load(?:Async)?\s*\(([^()]{1,400})\)")


def _bound_class(module: Module, key: str) -> str | None:
    """`Bot` for `.bind<IBot>(TYPES.Bot).to(Bot)` (or `bind(Bot).toSelf()` when key is Bot);
    once per module and key."""
    cache = module.__dict__.setdefault("_di_bindings", {})
    if key not in cache:
        cache[key] = _search(module, key) if len(cache) < 64 else None
    return cache[key]


def _search(module: Module, key: str) -> str | None:
    if module.source.find(b"bind") < 0:
        return None
    text = module.source.decode("utf-8", errors="replace")
    dotted = r"\s*\.\s*".join(re.escape(part) for part in key.replace(" ", "").split("."))
    # `container.bind(...)`, or the `bind` a ContainerModule's callback receives
    pattern = re.compile(r"(?:\.|(?<![\w$]))bind\s*(?:<[^>()]{0,200}>)?\s*\(\s*" + dotted
                         + r"\s*\)\s*\.\s*(?:to\s*\(\s*([A-Za-z_$][\w$]*)\s*\)|(toSelf)\s*\()")
    match = pattern.search(text)
    if match is None:
        return None
    return match.group(1) if match.group(1) else (key if re.fullmatch(r"[A-Za-z_$][\w$]*", key) else None)


MAX_PARAMETERS = 40  # constructor parameters looked at


def injected_methods(program, module: Module, obj, name: str) -> list:
    """Methods `name` of the class a constructor parameter property is typed with:
    `this.bots.start()` in a class whose `constructor(private bots: BotService)` (NestJS,
    tsyringe, TypeDI inject by that type). The type is found across imports and barrel
    re-exports (`import { BotService } from './services'`); [] when unknown."""
    if obj is None or obj.type != "member_expression" or strip(obj.child_by_field_name("object")) is None \
            or strip(obj.child_by_field_name("object")).type != "this":
        return []
    prop = name_of(obj.child_by_field_name("property"))
    cls = obj.parent
    while cls is not None and cls.type not in CLASS_TYPES:
        cls = cls.parent
    body = cls.child_by_field_name("body") if cls is not None else None
    constructor = next((m for m in (body.named_children if body is not None else ())
                        if m.type == "method_definition" and name_of(m.child_by_field_name("name")) == "constructor"), None)
    params = constructor.child_by_field_name("parameters") if constructor is not None else None
    type_name = None
    for param in (params.named_children[:MAX_PARAMETERS] if params is not None else ()):
        if param.type not in ("required_parameter", "optional_parameter") \
                or not any(c.type in ("accessibility_modifier", "readonly") or node_text(c) == "readonly" for c in param.children):
            continue
        if name_of(param.child_by_field_name("pattern")) != prop:
            continue
        annotation = param.child_by_field_name("type")
        named = next((c for c in (annotation.named_children if annotation is not None else ()) if c.type == "type_identifier"), None)
        type_name = node_text(named) if named is not None else None
        break
    if not type_name:
        return []
    methods = []
    for cls_owner, found in program.functions(program.definition(module, type_name))[:2]:
        members = found.child_by_field_name("body") if found.type in CLASS_TYPES else None
        for member in members.named_children if members is not None else ():
            if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == name:
                methods.append((cls_owner, member))
    return methods
