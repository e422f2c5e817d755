"""Objects a dependency-injection container hands out: which class `bot` is in
`const bot = container.get<Bot>(TYPES.Bot); bot.start()`.

InversifyJS binds a service identifier to a class (`container.bind<IBot>(TYPES.Bot).to(Bot)`,
`bind(Bot).toSelf()`); `container.get(TYPES.Bot)` (or getAsync, resolve) returns an instance
of it. tsyringe's `container.resolve(Bot)` and TypeDI's `Container.get(Bot)` name the class
itself. The type argument (`get<Bot>`) is often an interface, so the binding decides.

The binding is looked up in the module that defines the container (where `container`
comes from, as the walk resolves names); one regular expression over that module's text,
only when a method is called on a value obtained this way.
"""
from __future__ import annotations

import re

from ..treesitter import node_text
from .js_module import CLASS_TYPES, Module, name_of, strip

GETTERS = frozenset({"get", "getAsync", "resolve", "getNamed", "getTagged"})
MAX_KEY = 120


def class_methods(program, module: Module, obj, name: str) -> list | None:
    """Methods `name` of the class a container gives `obj` (a local constant holding
    `container.get(KEY)`); None when `obj` is not such a value."""
    if obj is None or obj.type != "identifier":
        return None
    value = strip(module.values.get(node_text(obj)))
    if value is None or value.type != "call_expression":
        return None
    callee = strip(value.child_by_field_name("function"))
    args = value.child_by_field_name("arguments")
    if callee is None or callee.type != "member_expression" or args is None or not args.named_children \
            or name_of(callee.child_by_field_name("property")) not in GETTERS:
        return None
    container = strip(callee.child_by_field_name("object"))
    key = strip(args.named_children[0])
    if container is None or container.type != "identifier" or key is None:
        return None
    classes = []
    if key.type == "identifier":  # container.resolve(Bot): the class itself
        classes = program.functions(program.definition(module, node_text(key)))
    if not classes and len(node_text(key)) <= MAX_KEY:
        found = program.definition(module, node_text(container))
        owner = found[0] if found is not None else module
        bound = _bound_class(owner, node_text(key))
        if bound is not None:
            classes = program.functions(program.definition(owner, bound))
    methods = []
    for owner, cls in classes:
        if cls.type not in CLASS_TYPES or (program.relevant is not None and not program.relevant(owner.path)):
            continue
        body = cls.child_by_field_name("body")
        for member in body.named_children if body is not None else ():
            if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == name:
                methods.append((owner, member))
    return methods if classes else None


def _bound_class(module: Module, key: str) -> str | None:
    """`Bot` for `.bind<IBot>(TYPES.Bot).to(Bot)` (or `bind(Bot).toSelf()` when key is Bot);
    once per module and key."""
    cache = module.__dict__.setdefault("_di_bindings", {})
    if key not in cache:
        cache[key] = _search(module, key) if len(cache) < 64 else None
    return cache[key]


def _search(module: Module, key: str) -> str | None:
    if module.source.find(b".bind") < 0:
        return None
    text = module.source.decode("utf-8", errors="replace")
    dotted = r"\s*\.\s*".join(re.escape(part) for part in key.replace(" ", "").split("."))
    pattern = re.compile(r"\.bind\s*(?:<[^>()]{0,200}>)?\s*\(\s*" + dotted
                         + r"\s*\)\s*\.\s*(?:to\s*\(\s*([A-Za-z_$][\w$]*)\s*\)|(toSelf)\s*\()")
    match = pattern.search(text)
    if match is None:
        return None
    return match.group(1) if match.group(1) else (key if re.fullmatch(r"[A-Za-z_$][\w$]*", key) else None)
