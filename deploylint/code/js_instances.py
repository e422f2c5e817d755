"""The object a call hands out, when a bot method is called on the call itself:

- `require('./bot').launch()`, `(await import('./bot.js')).launch()`: what the module
  exports as a whole (`module.exports = new Telegraf(token)`, `export default bot`);
- `TelegrafBot.getInstance().launch()`, `BotInstance.instance().start()`: a static method
  of a repository class that returns the instance it keeps in a static field
  (`if (!this.instance) this.instance = new Telegraf(token); return this.instance;`,
  or `private static bot = new Bot(token)`);
- `Eris(token)`: Eris's export makes a client when called without `new` too;
- `container.resolve(Bot).login(token)`, `Container.get(DiscordBot).login()`: a
  dependency-injection container (tsyringe, TypeDI, InversifyJS) makes an instance of the
  class it is given; `injected_class` returns that class name for js_bots to check.

And the module a dynamic import hands to its `.then` callback (`then_held`):
`import('./bot.js').then(({ startBot }) => startBot())`, `.then((m) => m.startBot())`.
A bot a module object's member holds (`module_member`): `m.bot.launch()` with `m` from
`import('./bot.js').then((m) => ...)`, `const m = require('./bot')`, `import * as m`,
`const m = await import('./bot.js')`, and `require('./bot').bot.launch()`. And a bot-named
property of an object the walk cannot follow (`bot_property`): `App.bot.launch()`,
`TelegrafBot.Instance.bot.startPolling()`. And a class field typed with a bot library's class
(`typed_field_library`): `private chat: Client;` + `this.chat = Client(opts)` + `this.chat.connect()`.

And the class a `new` names (`constructed_class`): `new Client()` of a local or imported
class, and `new lib.Client()` where `lib` holds a repository module as a whole and `Client` is
one of its exports (`exports.Client = require('./structs/Client')`).

Each answer is a (module, `new X(...)` node) pair like js_reach.Program.instance, or None.
Bounded: a class body is read once per call site, a static method's statements up to
MAX_STATEMENTS deep in its top-level blocks.
"""
from __future__ import annotations

from ..treesitter import node_text
from .js_di import container_get
from .js_expr import callee_of
from .js_loaders import pattern_key
from .js_module import CLASS_TYPES, Module, call_source, fluent_root, name_of, strip

MAX_STATEMENTS = 40
MAX_MEMBERS = 200


def made_by_call(program, module: Module, call):
    """(module, `new X()` node) the call `call` evaluates to, or None."""
    call = strip(call)
    if call is None or call.type != "call_expression":
        return None
    source = call_source(call)
    if source is not None:
        return _module_object(program, module, source)
    function = strip(call.child_by_field_name("function"))
    if function is None or function.type != "member_expression":
        return None
    owner = strip(function.child_by_field_name("object"))
    method = name_of(function.child_by_field_name("property"))
    if owner is None or owner.type != "identifier" or not method:
        return None
    for where, cls in program.functions(program.definition(module, node_text(owner)))[:2]:
        if cls.type in CLASS_TYPES:
            found = _static_instance(where, cls, method)
            if found is not None:
                return where, found
    return None


def constructed_class(program, owner: Module, node):
    """(module, class) a `new X()` node names: local or imported `X`, or `new m.X()` where
    `m` holds a repository module as a whole (`const m = require('./lib')`, `import * as
    m`) and `X` is one of its exports (`exports.Client = require('./structs/Client')`)."""
    constructor = strip(node.child_by_field_name("constructor"))
    name = name_of(constructor)
    if name:
        return program.definition(owner, name)
    if constructor is None or constructor.type != "member_expression":
        return None
    obj = strip(constructor.child_by_field_name("object"))
    member = name_of(constructor.child_by_field_name("property"))
    binding = owner.imports.get(node_text(obj)) if obj is not None and obj.type == "identifier" else None
    if not member or binding is None or not binding.relative or binding.name is not None:
        return None
    target = program.walked(owner, binding.source)
    found = program.export(target, member) if target is not None else None
    source = call_source(strip(found[1])) if found is not None and not isinstance(found[1], str) else None
    if source is not None:  # `exports.Client = require('./structs/Client')`: that module's export
        inner = program.walked(found[0], source)
        return program.export(inner, "default") if inner is not None else None
    return found


def made_without_new(module: Module, node) -> bool:
    """`Eris(token)`: a client made by calling Eris's export without `new`; `tmi.client(opts)`
    (tmi.js's client makes itself a `new` one when called without it)."""
    if node is None or node.type != "call_expression":
        return False
    callee = callee_of(module, node)
    if callee is None or callee.binding is None:
        return False
    if callee.package == "tmi.js":
        name = callee.method if callee.path or callee.method != callee.root else callee.binding.name
        return name in ("client", "Client") and len(callee.path) == 0
    return callee.package == "eris" and callee.binding.name in (None, "default") and not callee.path \
        and callee.method == callee.root


def injected_class(call):
    """The class identifier given to a container getter: `Bot` in `container.resolve(Bot)`."""
    got = container_get(call)
    if got is None or got[0] is None:
        return None
    key = got[1]
    return key if key is not None and key.type == "identifier" else None


def _module_object(program, module: Module, source: str):
    target = program.walked(module, source)
    found = program.export(target, "default") if target is not None else None
    if found is None:
        return None
    owner, value = found
    node = owner.instances.get(value) if isinstance(value, str) else strip(value)
    node = strip(node) if node is not None else None
    node = fluent_root(node) if node is not None else None
    return (owner, node) if node is not None and node.type == "new_expression" else None


def module_member(program, module: Module, callee):
    """((module, `new X()` node), method key) for `m.bot.launch()` where `m` holds a
    repository module as a whole and that module's export `bot` is the instance:
    key "launch" (`m.bot.telegram.setWebhook()`: "telegram.setWebhook"). None otherwise."""
    names = callee.names
    binding = callee.binding
    if callee.root == "" and binding is not None and binding.relative and call_source(callee.root_node):
        target, names = program.walked(module, binding.source), ["", *names]  # `require('./bot').bot.launch()`
    elif len(names) < 2 or callee.root != names[0]:
        return None
    elif binding is not None:  # `const m = require('./bot')`, `import * as m`, `const m = await import('./bot')`
        target = program.walked(module, binding.source) if binding.relative and binding.name is None else None
    else:  # `import('./bot.js').then((m) => m.bot.launch())`
        held = then_held(program, module, callee.root_node)
        target = held[0][0] if len(held) == 1 and held[0][1] is None else None
    if target is None or len(names) < 2 or program.export(target, names[1]) is None:
        return None
    instance = program.instance(target, names[1])
    return (instance, ".".join([*names[2:], callee.method])) if instance is not None else None


UNKNOWN_RECEIVER_LIBRARIES = ("telegraf", "grammy", "ntba", "discord", "gramio")


def unknown_receiver(program, module: Module, callee, key: str):
    """((library, None), method key) for a receiver js_bots knows nothing about: a bot-named
    property (`bot_property`) or a field typed with a library class (`typed_field_library`);
    (None, key) otherwise."""
    names = callee.names
    if len(names) > 1:
        found = bot_property(program, module, callee)
        if found is not None:
            return (found[0], None), found[1]
    if callee.root == "this" and len(names) == 1:
        library = typed_field_library(module, callee.root_node, names[0])
        if library:
            return (library, None), key
        made = assigned_field(module, callee.root_node, names[0])
        if made is not None:
            from .js_bots import library_of

            library = library_of(*made, program)
            if library:
                return (library, made), key
    return None, key


MAX_ASSIGNMENTS = 20  # `this.field = ...` assignments looked at per class


def assigned_field(module: Module, this, field: str):
    """(module, call) for a field of the enclosing class assigned a client made without
    `new` (`this.client = tmi.client(opts)`, `this.bot = Eris(token)`) in a plain JS class."""
    import re

    cls = _enclosing_class(this)
    if cls is None or not re.fullmatch(r"[A-Za-z_$][\w$]*", field):
        return None
    pattern = re.compile(rb"this\s*\.\s*" + re.escape(field.encode()) + rb"\s*=(?![=>])")
    for found in list(pattern.finditer(module.source, cls.start_byte, cls.end_byte))[:MAX_ASSIGNMENTS]:
        node = cls.descendant_for_byte_range(found.start(), found.start() + 4)
        member = node.parent if node is not None and node.type == "this" else None
        assignment = member.parent if member is not None else None
        if assignment is None or assignment.type != "assignment_expression" or assignment.child_by_field_name("left") != member:
            continue
        value = strip(assignment.child_by_field_name("right"))
        if value is not None and made_without_new(module, value):
            return module, value
    return None


def _enclosing_class(this):
    cls = this.parent if this is not None else None
    for _ in range(MAX_UP):
        if cls is None or cls.type in CLASS_TYPES:
            break
        cls = cls.parent
    return cls if cls is not None and cls.type in CLASS_TYPES else None


def bot_property(program, module: Module, callee) -> tuple[str, str] | None:
    """(library, method key) for `App.bot.launch()`: the receiver chain ends in a property
    named like a bot or client (the last such name) of an object nothing is known about,
    and a bot library the program uses has that method (a generic one, `start`/`login`,
    only on that bot-named property), like js_bots' fallback for an unknown `bot.launch()`.
    `App.bot.telegram.setWebhook(url)` gives key "telegram.setWebhook". None otherwise."""
    from .js_bot_tables import BOTLIKE, GENERIC, METHODS, PACKAGES
    from .js_values import resolve

    names = callee.names
    known = resolve(program, module, callee.root_node) if callee.root not in ("", "this") else None
    if known is not None and known[1] is not None and known[1].type in ("object", "new_expression", "array"):
        return None  # a literal or an instance the other readers follow: its `bot` is not unknown
    last = next((i for i in range(len(names) - 1, 0, -1) if BOTLIKE.search(names[i])), None)
    if last is None:
        return None
    key = ".".join([*names[last + 1:], callee.method])
    if key in GENERIC and last != len(names) - 1:
        return None
    used = {PACKAGES[p] for m in program.modules.values() for p in m.packages if p in PACKAGES}
    return next(((lib, key) for lib in UNKNOWN_RECEIVER_LIBRARIES if lib in used and key in METHODS[lib]), None)


def typed_field_library(module: Module, this, field: str) -> str | None:
    """The bot library whose client class types `this.field` in the enclosing TypeScript
    class (`private tmiClient: Client;`, `client: tmi.Client`, `constructor(private chat:
    Client)`), with that class imported from the library; None otherwise."""
    from .js_bot_tables import CLASSES, PACKAGES

    cls = _enclosing_class(this)
    body = cls.child_by_field_name("body") if cls is not None else None
    annotations = []
    for member in body.named_children[:MAX_MEMBERS] if body is not None else ():
        if member.type in ("field_definition", "public_field_definition") and name_of(
                member.child_by_field_name("property") or member.child_by_field_name("name")) == field:
            annotations.append(member.child_by_field_name("type"))
        elif member.type == "method_definition" and name_of(member.child_by_field_name("name")) == "constructor":
            params = member.child_by_field_name("parameters")
            annotations += [p.child_by_field_name("type") for p in (params.named_children if params is not None else ())
                            if p.type in ("required_parameter", "optional_parameter")
                            and node_text(p.child_by_field_name("pattern") or p) == field]
    for annotation in annotations:
        named = [c for c in annotation.named_children if c.type != "comment"] if annotation is not None else []
        if len(named) != 1 or named[0].type not in ("type_identifier", "nested_type_identifier"):
            continue
        parts = node_text(named[0]).replace(" ", "").split(".")
        binding = module.imports.get(parts[0])
        if binding is None or binding.relative or binding.source not in CLASSES or len(parts) > 2:
            continue
        name = parts[1] if len(parts) == 2 else binding.name
        if name in CLASSES[binding.source] and (len(parts) == 1 or binding.name in (None, "default")):
            return PACKAGES[binding.source]
    return None


def _static_instance(module: Module, cls, method: str):
    """The `new X()` a static method `method` of `cls` returns through a static field."""
    body = cls.child_by_field_name("body")
    members = body.named_children[:MAX_MEMBERS] if body is not None else []
    getter = next((m for m in members if m.type == "method_definition"
                   and name_of(m.child_by_field_name("name")) == method
                   and any(c.type == "static" or node_text(c) == "static" for c in m.children)), None)
    if getter is None:
        return None
    class_name = name_of(cls.child_by_field_name("name"))
    fields = set()
    for statement in _statements(getter.child_by_field_name("body")):
        if statement.type == "return_statement" and statement.named_children:
            returned = strip(statement.named_children[0])
            made = _assigned_value(returned, None, class_name)  # `return this.instance ??= new Bot(token)`
            if made is not None:
                return made
            field = _static_field(returned, class_name)
            if field:
                fields.add(field)
    if not fields:
        return None
    for member in members:  # `private static instance = new Telegraf(token)`
        if member.type in ("field_definition", "public_field_definition") \
                and name_of(member.child_by_field_name("property") or member.child_by_field_name("name")) in fields:
            value = strip(member.child_by_field_name("value"))
            value = fluent_root(value) if value is not None else None
            if value is not None and value.type == "new_expression":
                return value
    for statement in _statements(getter.child_by_field_name("body")):  # `this.instance = new Telegraf(token)`
        found = _assigned(statement, fields, class_name)
        if found is not None:
            return found
    return None


def _statements(block):
    """Statements of a method body, one level into `if` blocks (the lazy-creation test)."""
    out = []
    pending = list(block.named_children) if block is not None else []
    while pending and len(out) < MAX_STATEMENTS:
        statement = pending.pop(0)
        out.append(statement)
        if statement.type == "if_statement":
            consequence = statement.child_by_field_name("consequence")
            if consequence is not None:
                pending[:0] = consequence.named_children if consequence.type == "statement_block" else [consequence]
    return out


def _static_field(node, class_name: str | None) -> str | None:
    """"instance" for `this.instance` or `ClassName.instance` (also `ClassName.#instance`)."""
    if node is None or node.type != "member_expression":
        return None
    obj = strip(node.child_by_field_name("object"))
    if obj is None or not (obj.type == "this" or (class_name and obj.type == "identifier" and node_text(obj) == class_name)):
        return None
    return name_of(node.child_by_field_name("property"))


def _assigned(statement, fields: set, class_name: str | None):
    node = strip(statement.named_children[0]) if statement.type == "expression_statement" and statement.named_children else None
    return _assigned_value(node, fields, class_name)


def _assigned_value(node, fields: set | None, class_name: str | None):
    """The `new X()` assigned to a static field (one of `fields`, any when None)."""
    if node is None or node.type not in ("assignment_expression", "augmented_assignment_expression"):
        return None
    field = _static_field(strip(node.child_by_field_name("left")), class_name)
    if field is None or (fields is not None and field not in fields):
        return None
    value = strip(node.child_by_field_name("right"))
    value = fluent_root(value) if value is not None else None
    return value if value is not None and value.type == "new_expression" else None


MAX_UP = 40  # parents climbed from a name to the callback that declares it


def then_held(program, module: Module, identifier) -> list:
    """[(module, export name)] for `startBot` in `import('./bot.js').then(({ startBot }) => ...)`,
    [(module, None)] for `m` in `.then((m) => m.startBot())` (the module object), like
    js_loaders.held; [] when `identifier` is not such a parameter."""
    if identifier is None or identifier.type != "identifier" or not _has_import_then(module):
        return []
    name = node_text(identifier)
    node = identifier.parent
    for _ in range(MAX_UP):
        if node is None:
            return []
        if node.type in ("arrow_function", "function_expression", "function"):
            found = _parameter_key(node, name)
            if found is not None:
                source = _then_of_import(node)
                target = program.walked(module, source) if source is not None else None
                return [(target, found or None)] if target is not None else []
        node = node.parent
    return []


def _has_import_then(module: Module) -> bool:
    known = module.__dict__.get("_import_then")
    if known is None:
        known = module.__dict__["_import_then"] = module.mentions(b"import(") and module.mentions(b".then(")
    return known


def _parameter_key(function, name: str) -> str | None:
    """"" when the function's only parameter is `name`, the key for `{ key: name }` / `{ name }`,
    None when `name` is not its parameter."""
    params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
    if params is None:
        return None
    if params.type == "identifier":  # `m => m.startBot()`
        return "" if node_text(params) == name else None
    for param in params.named_children[:1]:
        pattern = param.child_by_field_name("pattern") if param.type in ("required_parameter", "optional_parameter") else param
        if pattern is not None and pattern.type == "identifier":
            return "" if node_text(pattern) == name else None
        if pattern is not None and pattern.type == "object_pattern":
            return pattern_key(pattern, name)
    return None


def _then_of_import(function) -> str | None:
    """'./bot.js' when `function` is the first argument of `import('./bot.js').then(...)`."""
    args = function.parent
    call = args.parent if args is not None and args.type == "arguments" else None
    if call is None or call.type != "call_expression" or not args.named_children or args.named_children[0] != function:
        return None
    callee = strip(call.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression" or name_of(callee.child_by_field_name("property")) != "then":
        return None
    return _import_source(strip(callee.child_by_field_name("object")))


def _import_source(loader) -> str | None:
    """'./bot.js' for `import('./bot.js')`, or for `<promise>.then(() => import('./bot.js'))`
    (the previous callback's returned import)."""
    inner = loader.child_by_field_name("function") if loader is not None and loader.type == "call_expression" else None
    if inner is not None and inner.type == "import":
        return call_source(loader)
    if inner is None or inner.type != "member_expression" or name_of(inner.child_by_field_name("property")) != "then":
        return None
    args = loader.child_by_field_name("arguments")
    callback = strip(args.named_children[0]) if args is not None and args.named_children else None
    body = strip(callback.child_by_field_name("body")) if callback is not None and callback.type in (
        "arrow_function", "function_expression", "function") else None
    if body is not None and body.type == "statement_block":
        returns = [c for c in body.named_children[:MAX_STATEMENTS] if c.type == "return_statement" and c.named_children]
        body = strip(returns[-1].named_children[0]) if returns else None
    inner = body.child_by_field_name("function") if body is not None and body.type == "call_expression" else None
    return call_source(body) if inner is not None and inner.type == "import" else None
