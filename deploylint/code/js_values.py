"""Values across modules: what an expression stands for when it is read from another file.

`new TelegramBot(token, config.bot)` with `const config = require('./config')` and
config.js exporting `{ bot: { polling: true } }`; `import config from './config'` of an
`export default {...}`; `import { bot } from './settings'` through `export * from` and
`export { x } from` re-exports. Local constants are followed as `js_expr.value_of` does
(it reads one file; this module adds the step across `require`/`import`).

A Value is (module, node): the node is read in the module that wrote it. A module object
itself (`require('./config')`, `import * as config`) is (module, None).
"""
from __future__ import annotations

from ..treesitter import node_text
from .js_module import FUNCTION_TYPES, Binding, Module, name_of, string_value, strip
from .js_expr import source_of
from .js_reach import Program

MAX_STEPS = 12  # identifiers and property reads followed for one value


def resolve(program: Program, module: Module, node, steps: int = 0):
    """(module, node) that `node` in `module` stands for, or (module, None) for a module
    object, or None when it cannot be followed."""
    node = strip(node)
    if node is None or steps > MAX_STEPS:
        return None
    steps += 1
    source = source_of(module, node)
    if source is not None:  # require('./config') is the module object
        target = program.imported(module, source)
        return (target, None) if target is not None else None
    if node.type in ("identifier", "shorthand_property_identifier"):
        return _name(program, module, node_text(node), steps)
    if node.type in ("member_expression", "subscript_expression"):
        key = _key(node)
        base = resolve(program, module, node.child_by_field_name("object"), steps)
        if key is None or base is None or (base[1] is not None and base[1].type != "object"):
            return module, node  # `process.env.X`, `ctx.options`: the expression itself
        return member(program, base, key, steps)
    if node.type == "call_expression":  # `loadConfig()`: the object the repository function returns
        found = _returned_by(program, module, node, steps)
        if found is not None:
            return found
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        if operator is not None and node_text(operator) in ("||", "??"):
            return resolve(program, module, node.child_by_field_name("left"), steps) \
                or resolve(program, module, node.child_by_field_name("right"), steps)
    return module, node


def member(program: Program, base, key: str, steps: int = 0):
    """The value of property `key` of a resolved value."""
    owner, node = base
    if node is None:  # a module object: its export `key`
        found = program.export(owner, key)
        return _found(program, found, steps) if found is not None else None
    if node.type == "object":
        entry = entries(node).get(key)
        return resolve(program, owner, entry, steps) if entry is not None else None
    return None


def entries(node) -> dict[str, object]:
    """{key: value node} of an object literal; shorthand `{ polling }` maps to the identifier."""
    found: dict[str, object] = {}
    if node is None or node.type != "object":
        return found
    for child in node.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            found[string_value(key) or node_text(key)] = child.child_by_field_name("value")
        elif child.type == "shorthand_property_identifier":
            found[node_text(child)] = child
        elif child.type == "method_definition":  # `{ createMail() { return new Mail(); } }`
            key = child.child_by_field_name("name")
            if key is not None:
                found.setdefault(string_value(key) or node_text(key), child)
    return found


def entry(program: Program, base, key: str):
    """`member` for a value that may be None (a missing option)."""
    return member(program, base, key) if base is not None else None


def returned(function):
    """The expression a function returns: `() => ({...})` or its last `return x;`."""
    function = strip(function)
    if function is None or function.type not in FUNCTION_TYPES:
        return None
    body = function.child_by_field_name("body")
    if body is None:
        return None
    if body.type != "statement_block":
        return strip(body)
    for statement in reversed(body.named_children):
        if statement.type == "return_statement":
            return strip(statement.named_children[0]) if statement.named_children else None
    return None


MAX_RETURN_NODES = 400  # nodes of a function body searched for its return statements


def returned_all(function) -> list:
    """Every expression a function returns (`() => x`, or each `return x;` of its body, in
    `if`/`switch`/`try` blocks but not in nested functions), in order; [] when it has a bare
    `return;` or none, or its body is past MAX_RETURN_NODES nodes."""
    function = strip(function)
    body = function.child_by_field_name("body") if function is not None and function.type in FUNCTION_TYPES else None
    if body is None:
        return []
    if body.type != "statement_block":
        return [strip(body)]
    found, pending, seen = [], list(reversed(body.named_children)), 0
    while pending:
        node = pending.pop()
        seen += 1
        if seen > MAX_RETURN_NODES:
            return []
        if node.type == "return_statement":
            if not node.named_children:
                return []
            found.append(strip(node.named_children[0]))
        elif node.type not in FUNCTION_TYPES and node.type not in ("class_declaration", "class"):
            pending.extend(reversed(node.named_children))
    return [f for f in found if f is not None]


def _returned_by(program: Program, module: Module, call, steps: int):
    """(module, node) a call of a repository function returns when that is an object
    literal (`function loadConfig() { return { webhook: ... } }`); None otherwise."""
    callee = strip(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return None
    functions = program.functions(program.definition(module, node_text(callee)))
    if len(functions) != 1:
        return None
    owner, function = functions[0]
    value = returned(function)
    if value is None or value.type not in ("object", "identifier", "member_expression", "call_expression"):
        return None
    found = resolve(program, owner, value, steps + 1)
    return found if found is not None and found[1] is not None and found[1].type == "object" else None


def _name(program: Program, module: Module, name: str, steps: int):
    binding = module.imports.get(name)
    if binding is not None:
        if not binding.relative:
            return None
        target = program.imported(module, binding.source)
        if target is None:
            return None
        if binding.name is None:  # `const config = require('./config')`, `import * as config`
            return target, None
        found = program.export(target, binding.name)
        if found is None and binding.name == "default":  # CommonJS `module.exports = {...}` imported as default
            return target, None
        return _found(program, found, steps) if found is not None else None
    value = module.values.get(name)
    if value is None:
        return _env_alias(module, name) if name in module.env_aliases else None
    return resolve(program, module, value, steps)


MAX_ALIAS_PLACES = 50  # places of a name looked at for its `const { NAME } = process.env`


def _env_alias(module: Module, name: str):
    """(module, the name's node in `const { NAME } = process.env` / `{ X: name }`): a value
    js_expr.env_name reads as `process.env.NAME` (`export const { NODE_ENV } = process.env`
    imported by another module)."""
    word, start = name.encode(), 0
    for _ in range(MAX_ALIAS_PLACES):
        at = module.source.find(word, start)
        if at < 0:
            return None
        start = at + len(word)
        node = module.root.descendant_for_byte_range(at, start)
        if node is not None and node.type in ("shorthand_property_identifier_pattern", "identifier") \
                and node_text(node) == name and node.parent is not None \
                and node.parent.type in ("object_pattern", "pair_pattern"):
            return module, node
    return None


def _found(program: Program, found, steps: int):
    owner, value = found
    if isinstance(value, str):
        return _name(program, owner, value, steps)
    if isinstance(value, Binding):
        return None
    return resolve(program, owner, value, steps)


def _key(node) -> str | None:
    if node.type == "member_expression":
        return name_of(node.child_by_field_name("property"))
    return string_value(node.child_by_field_name("index"))


def env_test(program: Program | None, module: Module, condition):
    """js_expr.env_test, following config values across modules: `if (config.useWebhook)`
    with `const config = require('./config')` and config.js's `useWebhook:
    process.env.USE_WEBHOOK === 'true'` tests USE_WEBHOOK."""
    from .js_expr import env_test as test

    if program is None:
        return test(module, condition)
    return test(module, condition, follow=lambda owner, node: resolve(program, owner, node))


def constructed(program: Program, module: Module, node, steps: int = 0):
    """(module, `new X()` node) an expression stands for: the `new` itself, a name holding
    one (across modules), or a call of a repository function that returns one: a factory
    (`const cron = factory.services.createCron(); cron.start()` with `createCron: () => new
    CronService()`). None otherwise."""
    node = strip(node)
    if node is not None and node.type == "await_expression" and node.named_children:
        node = strip(node.named_children[0])
    if node is None or steps > MAX_STEPS:
        return None
    if node.type == "new_expression":
        return module, node
    if node.type == "identifier":
        found = resolve(program, module, node, steps + 1)
        if found is None or found[1] is None or found[1] is node or (found[0] is module and found[1].type == "identifier"
                                                                      and node_text(found[1]) == node_text(node)):
            return None
        return constructed(program, found[0], found[1], steps + 1)
    if node.type != "call_expression":
        return None
    callee = strip(node.child_by_field_name("function"))
    if callee is None or callee.type not in ("identifier", "member_expression"):
        return None
    if callee.type == "identifier":
        functions = program.functions(program.definition(module, node_text(callee)))
    else:
        found = resolve(program, module, callee, steps + 1)
        functions = [found] if found is not None and found[1] is not None and found[1].type in FUNCTION_TYPES else []
    if len(functions) != 1:
        return None
    owner, function = functions[0]
    value = returned(function)
    return constructed(program, owner, value, steps + 1) if value is not None else None
