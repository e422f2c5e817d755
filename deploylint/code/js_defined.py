"""Whether a method call reaches the repository's own code rather than a bot library's:
`makeBot().launch()` on what a repository factory returns (`factory_instance`), and
`x.start()` on an object or class of the repository that defines `start` itself
(`defined_here`: a method of the class `x` was built from, a field typed with or built from
a repository class, an entry of an object literal, an export of a repository module)."""
from __future__ import annotations

from ..treesitter import node_text
from . import js_instances, js_values
from .js_expr import Callee
from .js_module import CLASS_TYPES, FUNCTION_TYPES, Module, fluent_root, name_of, strip
from .js_reach import Program


MAX_RETURNS = 50  # statements of a factory looked at for what it returns


def factory_instance(program: Program, module: Module, call):
    """(module, `new X()` node) a repository function returns, for `makeBot().launch()`:
    `function makeBot() { const bot = new Telegraf(t); ...; return bot; }` or
    `const makeBot = () => new Telegraf(t)`. None when it is not known."""
    function = strip(call.child_by_field_name("function"))
    if function is None or function.type != "identifier":
        return None
    for owner, found in program.functions(program.definition(module, node_text(function)))[:2]:
        if found.type in CLASS_TYPES:
            continue
        body = strip(found.child_by_field_name("body"))
        if body is None:
            continue
        if body.type != "statement_block":  # an arrow function's expression
            returned = [body]
        else:
            returned = [strip(s.named_children[0]) for s in body.named_children[:MAX_RETURNS]
                        if s.type == "return_statement" and s.named_children]
        for value in returned:
            if value is not None and value.type == "new_expression":
                return owner, value
            if value is not None and value.type == "identifier":
                local = strip(owner.values.get(node_text(value)))
                local = fluent_root(local) if local is not None else None
                if local is not None and local.type == "new_expression":
                    return owner, local
    return None


def defined_here(program: Program, module: Module, callee: Callee, key: str) -> bool:
    """Whether `x.key()` calls a function the repository defines on `x`: a method of the
    repo class `x` was built from, an entry of an object literal, an export of a repo module."""
    if len(callee.names) != 1 or "." in key:
        return False
    name = callee.names[0]
    instance = program.instance(module, name)
    if instance is None and callee.root == name and name in module.values:
        # `const client = config.client` with config.js exporting `{ client: new Client() }`
        found = js_values.resolve(program, module, module.values[name])
        instance = found if found is not None and found[1] is not None and (
            found[1].type == "new_expression" or js_instances.made_without_new(*found)) else None
    if instance is not None:
        owner, new = instance
        constructor = name_of(strip(new.child_by_field_name("constructor")))
        classes = program.functions(program.definition(owner, constructor)) if constructor else []
        return any(cls.type in CLASS_TYPES and class_defines(cls, key) for _, cls in classes)
    if callee.root == "this":
        return _field_class_defines(program, module, callee.root_node, name, key)
    if callee.root != name:
        return False
    value = js_values.resolve(program, module, callee.root_node)
    if value is None:
        return False
    owner, node = value
    if node is None:  # a repo module object: its exported function
        return bool(program.functions(program.export(owner, key)))
    if node.type != "object":
        return False
    if any(c.type == "method_definition" and name_of(c.child_by_field_name("name")) == key for c in node.named_children):
        return True
    value = strip(js_values.entries(node).get(key))
    return value is not None and value.type in FUNCTION_TYPES


def _field_class_defines(program: Program, module: Module, this, field: str, key: str) -> bool:
    """Whether `this.field.key()` calls a method of a repository class: the field is
    typed with that class (`constructor(private readonly poller: Poller)`, `poller: Poller;`,
    NestJS injection) or built from it (`poller = new Poller()`), and the class defines `key`.
    A `this.x` of unknown type stays a possible bot."""
    cls = this.parent
    while cls is not None and cls.type not in CLASS_TYPES:
        cls = cls.parent
    body = cls.child_by_field_name("body") if cls is not None else None
    names = []
    for member in body.named_children if body is not None else ():
        if member.type in ("field_definition", "public_field_definition"):
            if name_of(member.child_by_field_name("property") or member.child_by_field_name("name")) != field:
                continue
            names.append(_type_name(member.child_by_field_name("type")))
            value = strip(member.child_by_field_name("value"))
            if value is not None and value.type == "new_expression":
                names.append(name_of(strip(value.child_by_field_name("constructor"))))
        elif member.type == "method_definition" and name_of(member.child_by_field_name("name")) == "constructor":
            params = member.child_by_field_name("parameters")
            for param in params.named_children if params is not None else ():
                pattern = param.child_by_field_name("pattern")
                if param.type in ("required_parameter", "optional_parameter") and pattern is not None \
                        and pattern.type == "identifier" and node_text(pattern) == field:
                    names.append(_type_name(param.child_by_field_name("type")))
    for type_name in dict.fromkeys(n for n in names if n):
        classes = program.functions(program.definition(module, type_name))
        if any(found.type in CLASS_TYPES and class_defines(found, key) for _, found in classes):
            return True
    return False


def _type_name(annotation) -> str | None:
    """`: Poller` -> "Poller" (a plain class name only; generics and unions are not followed)."""
    if annotation is None:
        return None
    named = [c for c in annotation.named_children if c.type != "comment"]
    return node_text(named[0]) if len(named) == 1 and named[0].type == "type_identifier" else None


def class_defines(cls, key: str) -> bool:
    body = cls.child_by_field_name("body")
    for member in body.named_children if body is not None else ():
        if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == key:
            return True
        if member.type in ("field_definition", "public_field_definition"):
            field_name = member.child_by_field_name("property") or member.child_by_field_name("name")
            value = strip(member.child_by_field_name("value"))
            if name_of(field_name) == key and value is not None and value.type in FUNCTION_TYPES:
                return True
    return False
