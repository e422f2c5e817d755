"""A bot held in a field of an instance of a repository class, called from outside it:

    const holder = new Holder(new Client({ intents }));   // or new Holder() making its own
    holder.client.login(token);

`holder` resolves (js_values) to `new Holder(...)`; Holder is a class of the repository
whose constructor assigns `this.client = client` (a constructor parameter: the argument at
the `new Holder(...)` site, resolved where that call is written), `this.client = new
Client(...)`, or whose body declares `client = new Client(...)` (a class field). The value
is the bot instance when it is one of a bot library's classes (js_bots.library_of), so
`holder.client.login()` is the Discord gateway as `client.login()` would be.

A chain of fields is followed a few steps (`app.bots.telegram.launch()`); a field assigned
in several places is followed only when every assignment of it is read the same way
(the constructor's last one wins: a later reassignment in another method is not seen).
Bounded: MAX_MEMBERS class members, MAX_STATEMENTS constructor statements, MAX_CHAIN fields.
"""
from __future__ import annotations

from ..treesitter import node_text
from .js_module import CLASS_TYPES, FUNCTION_TYPES, Module, name_of, strip

MAX_MEMBERS = 200
MAX_STATEMENTS = 60
MAX_CHAIN = 3


def held_member(program, module: Module, callee):
    """((module, `new X()` node), method key) for `holder.client.login()` where `holder` is
    an instance of a repository class whose field `client` holds a bot library's instance
    (key "login"; `holder.bot.telegram.setWebhook()`: "telegram.setWebhook"). None otherwise."""
    from . import js_values
    from .js_bots import library_of

    names = callee.names
    root = strip(callee.root_node)
    if not names or callee.root != names[0] or root is None or root.type != "identifier" \
            or callee.method not in _bot_methods():
        return None  # `res.status(200).json()`: not a method any bot library has
    if len(names) == 1:  # `for (const b of bots) b.start()`: an element of an array of bots
        item = loop_item(program, module, root)
        return (item, callee.method) if item is not None else None
    base = js_values.resolve(program, module, root)
    if base is None:  # a class of the repository, for its static fields
        classes = [(o, c) for o, c in program.functions(program.definition(module, names[0]))[:2] if c.type in CLASS_TYPES]
        base = classes[0] if len(classes) == 1 else None
    for index in range(1, min(len(names), MAX_CHAIN + 1)):
        if base is None or base[1] is None or base[1].type not in ("new_expression", "object", *CLASS_TYPES):
            return None
        if base[1].type == "new_expression":
            base = field_value(program, base[0], base[1], names[index])
        elif base[1].type == "object":  # `bots.telegram.start()`, bots = { telegram: new Bot() }
            base = js_values.member(program, base, names[index])
        else:  # `Bots.telegram.start()`, `class Bots { static telegram = new Bot(token) }`
            value = _static_field(base[1], names[index])
            base = js_values.resolve(program, base[0], value) if value is not None else None
        if base is not None and base[1] is not None and base[1].type == "new_expression" \
                and library_of(base[0], base[1], program):
            return base, ".".join([*names[index + 1:], callee.method])
    return None


def _bot_methods() -> frozenset:
    """The last names of the bot libraries' methods (`launch`, `login`, `setWebhook`...)."""
    global _METHODS
    if _METHODS is None:
        from .js_bot_tables import METHODS

        _METHODS = frozenset(key.rsplit(".", 1)[-1] for table in METHODS.values() for key in table)
    return _METHODS


_METHODS = None


def loop_item(program, module: Module, identifier):
    """(module, `new X()` node) `b` stands for in `for (const b of bots) { b.start(); }` or
    `bots.forEach((b) => b.start())` / `bots.map(...)` when `bots` is an array literal (here or imported)
    whose elements all make instances of one bot library (the first of them); else None."""
    from . import js_values

    name = node_text(identifier)
    node, source = identifier.parent, None
    for _ in range(MAX_UP):
        if node is None:
            return None
        if node.type == "for_in_statement" and _declares(node.child_by_field_name("left"), name):
            source = node.child_by_field_name("right") if any(c.type == "of" for c in node.children) else None
            break  # `for (const k in bots)`: keys, not bots
        if node.type in FUNCTION_TYPES:
            source = _foreach_array(node, name)
            if source is not None:
                break
        node = node.parent
    found = js_values.resolve(program, module, source) if source is not None else None
    if found is None or found[1] is None or found[1].type != "array":
        return None
    made = [js_values.resolve(program, found[0], e) for e in found[1].named_children[:MAX_ITEMS] if e.type != "comment"]
    return made[0] if made and _one_family(program, made) else None


def _one_family(program, made: list) -> bool:
    """Every value makes an instance of one bot library (the Discord gateway libraries
    count as one: a discord.js bot or a discord.js-selfbot-v13 user account)."""
    from .js_bot_tables import DISCORD
    from .js_bots import library_of

    libraries = {library_of(m[0], m[1], program) if m is not None and m[1] is not None
                 and m[1].type == "new_expression" else None for m in made}
    families = {"discord" if library in DISCORD else library for library in libraries}
    return len(families) == 1 and None not in families


MAX_UP = 40  # parents climbed from a loop variable to its loop
MAX_ITEMS = 20  # array elements read


def _declares(left, name: str) -> bool:
    left = strip(left)
    return left is not None and left.type == "identifier" and node_text(left) == name


def _foreach_array(function, name: str):
    """`bots` when `function` is `(b) => ...` given to `bots.forEach(...)` or `bots.map(...)`
    (`await Promise.all(bots.map((b) => b.start()))`) with `b` its first parameter."""
    params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
    first = params if params is not None and params.type == "identifier" else \
        next((p for p in (params.named_children if params is not None else []) if p.type != "comment"), None)
    first = first.child_by_field_name("pattern") or first if first is not None and first.type in (
        "required_parameter", "optional_parameter") else first
    if first is None or first.type != "identifier" or node_text(first) != name:
        return None
    args = function.parent
    call = args.parent if args is not None and args.type == "arguments" else None
    callee = strip(call.child_by_field_name("function")) if call is not None and call.type == "call_expression" else None
    if callee is None or callee.type != "member_expression" or name_of(callee.child_by_field_name("property")) not in ("forEach", "map"):
        return None
    return callee.child_by_field_name("object")


def _static_field(cls, field: str):
    """The initialiser of `static field = ...` in a class body; else None."""
    body = cls.child_by_field_name("body")
    for member in body.named_children[:MAX_MEMBERS] if body is not None else []:
        if member.type in ("field_definition", "public_field_definition") and name_of(
                member.child_by_field_name("property") or member.child_by_field_name("name")) == field \
                and any(c.type == "static" or node_text(c) == "static" for c in member.children):
            return strip(member.child_by_field_name("value"))
    return None


def field_value(program, owner: Module, new_node, field: str, depth: int = 0):
    """(module, node) the field `field` of the instance `new_node` (written in `owner`)
    holds, when the class it constructs is a repository class that sets it (or has a getter
    `get field() { return this.#other; }` for a field that is set); else None."""
    from . import js_values

    constructor = name_of(strip(new_node.child_by_field_name("constructor")))
    classes = [(o, c) for o, c in program.functions(program.definition(owner, constructor))
               if c.type in CLASS_TYPES][:2] if constructor else []
    if len(classes) != 1:
        return None
    cls_owner, cls = classes[0]
    value, parameter = _assigned(cls, field)
    if value is None:
        other = _getter_field(cls, field)
        return field_value(program, owner, new_node, other, depth + 1) if other and depth < 2 else None
    if parameter is not None:  # `this.client = client` with `constructor(client)`: the caller's argument
        args = new_node.child_by_field_name("arguments")
        passed = [strip(a) for a in args.named_children if a.type != "comment"] if args is not None else []
        if parameter >= len(passed) or passed[parameter] is None or passed[parameter].type == "spread_element":
            return None
        return _made(program, js_values.resolve(program, owner, passed[parameter]))
    return _made(program, js_values.resolve(program, cls_owner, value))


def _made(program, found):
    """`found`, or for an immediately invoked function (`(() => { switch (mode) { case "bot":
    return new Client(...); ... } })()`) the instance it returns when every `return` makes
    an instance of one bot library (the first of them)."""
    from . import js_values

    call = found[1] if found is not None else None
    function = strip(call.child_by_field_name("function")) if call is not None and call.type == "call_expression" else None
    if function is None or function.type not in FUNCTION_TYPES:
        return found
    made = [js_values.resolve(program, found[0], value) for value in js_values.returned_all(function)[:10]]
    return made[0] if made and _one_family(program, made) else found


def _assigned(cls, field: str):
    """(value node, constructor parameter index or None) of the one way `field` is set:
    a class field's initialiser or the constructor's last `this.field = value`."""
    body = cls.child_by_field_name("body")
    members = body.named_children[:MAX_MEMBERS] if body is not None else []
    value = None
    for member in members:
        if member.type in ("field_definition", "public_field_definition") and name_of(
                member.child_by_field_name("property") or member.child_by_field_name("name")) == field:
            value = strip(member.child_by_field_name("value"))
    constructor = next((m for m in members if m.type == "method_definition"
                        and name_of(m.child_by_field_name("name")) == "constructor"), None)
    if constructor is None:
        return value, None
    parameters = _parameters(constructor)
    if field in parameters and parameters[field][1]:  # `constructor(private client: Client)`
        value = parameters[field]
        return value[2], value[0]
    statements = (constructor.child_by_field_name("body").named_children[:MAX_STATEMENTS]
                  if constructor.child_by_field_name("body") is not None else [])
    for statement in statements:
        expression = strip(statement.named_children[0]) if statement.type == "expression_statement" \
            and statement.named_children else None
        if expression is None or expression.type != "assignment_expression":
            continue
        left = strip(expression.child_by_field_name("left"))
        if left is None or left.type != "member_expression" or name_of(left.child_by_field_name("property")) != field:
            continue
        target = strip(left.child_by_field_name("object"))
        if target is None or target.type != "this":
            continue
        value = strip(expression.child_by_field_name("right"))
    if value is not None and value.type == "identifier" and node_text(value) in parameters:
        index, _, node = parameters[node_text(value)]
        return node, index
    return value, None


def _getter_field(cls, name: str) -> str | None:
    """"#client" for `get client() { return this.#client; }` in the class body; else None."""
    from .js_values import returned_all

    body = cls.child_by_field_name("body")
    for member in body.named_children[:MAX_MEMBERS] if body is not None else []:
        if member.type == "method_definition" and name_of(member.child_by_field_name("name")) == name \
                and any(c.type == "get" for c in member.children):
            values = returned_all(member)
            value = values[0] if len(values) == 1 else None
            target = strip(value.child_by_field_name("object")) if value is not None and value.type == "member_expression" else None
            return name_of(value.child_by_field_name("property")) if target is not None and target.type == "this" else None
    return None


def _parameters(constructor) -> dict:
    """{name: (index, is a parameter property, node)} of a constructor's plain parameters
    (`client`, `client: Client`, `private client: Client`); destructured ones are left out."""
    params = constructor.child_by_field_name("parameters")
    found = {}
    listed = [p for p in (params.named_children if params is not None else []) if p.type != "comment"]
    for index, param in enumerate(listed):
        pattern = param.child_by_field_name("pattern") if param.type in ("required_parameter", "optional_parameter") else param
        if pattern is None or pattern.type != "identifier":
            continue
        modifier = any(c.type == "accessibility_modifier" or node_text(c) == "readonly" for c in param.children)
        found[node_text(pattern)] = (index, modifier, pattern)
    return found
