"""Collecting the summary of one JavaScript/TypeScript file (js_module.Module): what each
local name is bound to (imports, requires, functions, constants, `new X()` instances, class
members), what the file exports, and which packages it uses. js_names calls `collect` on the
nodes of the kinds js_module.SUMMARY_TYPES lists (all of a small file, or where the scan
looks in a big one) and `declarator` for the destructuring of a whole package."""
from __future__ import annotations

from ..treesitter import node_text
from .js_module import (CLASS_TYPES, FUNCTION_TYPES, Binding, Module, call_source, fluent_root, is_process_env,
                        name_of, package_name, strip, string_value)


def collect(module: Module, node) -> None:
    kind = node.type
    if kind in ("function_declaration", "generator_function_declaration") or kind in CLASS_TYPES:
        name = name_of(node.child_by_field_name("name"))
        if name:
            module.functions.setdefault(name, []).append(node)
    elif kind == "variable_declarator":
        declarator(module, node.child_by_field_name("name"), node.child_by_field_name("value"))
    elif kind == "assignment_expression":
        _assignment(module, node.child_by_field_name("left"), node.child_by_field_name("right"))
    elif kind in ("method_definition", "field_definition", "public_field_definition", "pair"):
        _member(module, node)
    elif kind == "import_statement":
        _import(module, node)
    elif kind == "export_statement":
        _export(module, node)
    elif kind == "call_expression":
        source = call_source(node)
        if source and not source.startswith("."):
            module.packages.add(package_name(source))


def declarator(module: Module, name_node, value) -> None:
    if name_node is None or value is None:
        return
    source = call_source(value)
    if source is None and value.type == "call_expression" and node_text(value).startswith("require("):
        from .js_expr import source_of

        source = source_of(module, value)  # const bot = require(path.join(__dirname, 'bot'))
    if name_node.type == "identifier":
        name = node_text(name_node)
        module.values.setdefault(name, value)
        target = strip(value)
        if target.type in FUNCTION_TYPES or target.type in CLASS_TYPES:
            module.functions.setdefault(name, []).append(target)
        target = fluent_root(target)
        if target.type == "new_expression":
            module.instances.setdefault(name, target)
        if module.mentions_env(value):
            module.env_names.add(name)
        if source:
            _bind(module, name, source, None)
        elif target.type == "member_expression" and call_source(target.child_by_field_name("object")):
            # const Telegraf = require('telegraf').Telegraf
            _bind(module, name, call_source(target.child_by_field_name("object")),
                  node_text(target.child_by_field_name("property")))
    elif name_node.type == "object_pattern":
        whole = _whole_package(module, value) if not source else None
        for local, exported in _pattern_names(name_node):
            if source:
                _bind(module, local, source, exported)
            elif whole is not None:  # import pkg from 'whatsapp-web.js'; const { Client } = pkg
                _bind(module, local, whole, exported)
            elif is_process_env(value):
                module.env_aliases[local] = exported
                module.env_names.add(local)


def _whole_package(module: Module, value) -> str | None:
    """The package a local name holds as a whole (`import pkg from 'x'` of a CommonJS
    package, `const lib = require('x')`), for `const { A } = pkg`; None otherwise."""
    value = strip(value)
    if value is None or value.type != "identifier":
        return None
    binding = module.imports.get(node_text(value))
    if binding is None or binding.relative or binding.name not in (None, "default"):
        return None
    return binding.source


def _pattern_names(pattern):
    """(local, property) pairs of `{ a, b: c }`."""
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            yield node_text(child), node_text(child)
        elif child.type == "pair_pattern":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                yield node_text(value), string_value(key) or node_text(key)
        elif child.type == "object_assignment_pattern":
            left = child.child_by_field_name("left")
            if left is not None and left.type == "shorthand_property_identifier_pattern":
                yield node_text(left), node_text(left)


def _bind(module: Module, local: str, source: str, name: str | None) -> None:
    module.imports[local] = Binding(source, name)
    if not source.startswith("."):
        module.packages.add(package_name(source))


def _assignment(module: Module, left, right) -> None:
    if left is None or right is None:
        return
    target = strip(right)
    text = node_text(left).replace(" ", "")
    if left.type == "identifier":
        name = node_text(left)
        module.values.setdefault(name, right)
        if target.type in FUNCTION_TYPES:
            module.functions.setdefault(name, []).append(target)
    target = fluent_root(target)
    if target.type == "new_expression":
        key = name_of(left) or name_of(left.child_by_field_name("property")) if left.type != "subscript_expression" else None
        if key:
            module.instances.setdefault(key, target)  # bot = new X(), this.bot = new X()
    if text in ("module.exports", "exports"):
        _export_value(module, right)
    elif text.startswith(("module.exports.", "exports.")) and text.count(".") == text.startswith("module.") + 1:
        module.exports[text.rsplit(".", 1)[1]] = _exported(right)
    if left.type == "member_expression" and target.type in FUNCTION_TYPES:
        name = name_of(left.child_by_field_name("property"))  # App.prototype.start = function
        if name:
            module.methods.setdefault(name, []).append(target)


def _member(module: Module, node) -> None:
    if node.type == "method_definition":
        name, value = name_of(node.child_by_field_name("name")), node
    else:
        value = strip(node.child_by_field_name("value"))
        if value is None or not (value.type in FUNCTION_TYPES or (value.type == "new_expression" and node.type != "pair")):
            return  # most pairs hold data: their key is not read
        key = node.child_by_field_name("key" if node.type == "pair" else "property") or node.child_by_field_name("name")
        name = string_value(key) or name_of(key)
    if name and value is not None and value.type in FUNCTION_TYPES:
        module.methods.setdefault(name, []).append(value)
    elif name and value is not None and value.type == "new_expression" and node.type != "pair":
        module.instances.setdefault(name, value)  # class field `private bot = new Telegraf(token)`


def _import(module: Module, node) -> None:
    source = string_value(node.child_by_field_name("source"))
    clause = next((c for c in node.named_children if c.type in ("import_clause", "import_require_clause")), None)
    if clause is not None and clause.type == "import_require_clause":  # TS `import x = require('y')`
        source = string_value(clause.child_by_field_name("source"))
        if source and clause.named_children:
            _bind(module, node_text(clause.named_children[0]), source, None)
        return
    if not source:
        return
    if not source.startswith("."):
        module.packages.add(package_name(source))
    for part in clause.named_children if clause is not None else ():
        if part.type == "identifier":
            _bind(module, node_text(part), source, "default")
        elif part.type == "namespace_import" and part.named_children:
            _bind(module, node_text(part.named_children[-1]), source, None)
        elif part.type == "named_imports":
            for spec in part.named_children:
                name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if name is not None:
                    _bind(module, node_text(alias or name), source, string_value(name) or node_text(name))


def _export(module: Module, node) -> None:
    source = string_value(node.child_by_field_name("source"))
    declaration = node.child_by_field_name("declaration")
    value = node.child_by_field_name("value")
    clause = next((c for c in node.named_children if c.type == "export_clause"), None)
    default = any(c.type == "default" for c in node.children)
    if declaration is not None:
        for name in _declared_names(declaration):
            module.exports[name] = name
        if default:
            module.exports["default"] = declaration
    elif value is not None:
        _export_value(module, value)  # `export default { start }` reads like module.exports
        module.exports["default"] = _exported(value)
    elif clause is not None:
        for spec in clause.named_children:
            name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
            if name is None:
                continue
            exported = node_text(alias or name)
            module.exports[exported] = Binding(source, node_text(name)) if source else node_text(name)
    elif source:
        module.star_sources.append(source)
    elif node.named_children and node.named_children[-1].type == "identifier":  # TS `export = bot`
        module.exports["default"] = node_text(node.named_children[-1])


def _declared_names(declaration):
    name = name_of(declaration.child_by_field_name("name"))
    if name:
        yield name
    for child in declaration.named_children:
        if child.type == "variable_declarator":
            pattern = child.child_by_field_name("name")
            name = name_of(pattern)
            if name:
                yield name
            elif pattern is not None and pattern.type == "object_pattern":  # `export const { A, B } = process.env`
                yield from (local for local, _ in _pattern_names(pattern))


def _export_value(module: Module, value) -> None:
    """`module.exports = ...`: an object of named exports, or one default value.
    (An object's entries are also reachable as `x.name` through a default import.)"""
    target = strip(value)
    if target.type != "object":
        module.exports["default"] = _exported(value)
        return
    for child in target.named_children:
        if child.type == "shorthand_property_identifier":
            module.exports[node_text(child)] = node_text(child)
        elif child.type == "pair":
            key = child.child_by_field_name("key")
            module.exports[string_value(key) or node_text(key)] = _exported(child.child_by_field_name("value"))
        elif child.type == "method_definition":
            module.exports[node_text(child.child_by_field_name("name"))] = child


def _exported(value):
    """A local name when the export is one, else the value node itself."""
    target = strip(value)
    return node_text(target) if target is not None and target.type == "identifier" else target
