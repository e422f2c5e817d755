"""`.railway/railway.go`: Railway Infrastructure as Code written in Go
(github.com/railwayapp/railway-go-iac, emitted by `railway config migrate --lang go`),
parsed with tree-sitter-go and never run.

The Railway CLI evaluates the file by calling `Railway().Graph()`:

    func Railway() iac.Project {
        web := iac.ServiceNamed("web", iac.ServiceConfig{"start": "python bot.py", "replicas": 2})
        return iac.ProjectNamed("app", []any{web})
    }

`iac.ServiceConfig` is a map with the same keys as the TypeScript `service()` options
(`start`, `replicas`, `source`, `env`, ...), so the services go through the same
checks (railway_iac). The reader follows the assignments of `Railway()` in order and its
`return`; statements inside `if`/`for`/`switch` are read as if they all ran, and when the
returned value cannot be read, every `ServiceNamed` the function calls is a service.
Go has no `ctx.environment`: the file is read once, as `production`.
"""
from __future__ import annotations

import json

from ..model import Location
from ..repo import Repo
from .railway_iac import Group, Runs, ServiceDecl, Source, project_name, services_of, set_partial

MAX_DEPTH = 64
MAX_STEPS = 50_000
# The constructors github.com/railwayapp/railway-go-iac exports (package `iac`, and the
# same API as package `railway` at the module root): `ServiceNamed(name, config)` and
# `Fn(name, config)` (a function service) build a Service; `ProjectNamed(name, resources)`
# a Project; `Group(name, resources, options...)` returns the group and its members;
# `Github(repo, opts...)`, `Image(name, opts...)` build a source. `Service` and `Project`
# are struct types (a composite literal `iac.Service{Name: ..., Config: ...}`, never a
# call), and there is no `GroupNamed` or `GitHub`.
_SERVICES = ("ServiceNamed", "Fn")
_PROJECTS = ("ProjectNamed", "Group")
_SOURCES = {"Github": "github", "Image": "image"}
_STRUCTS = {"Service": ("name", "config"), "Project": ("name", "resources")}


def evaluate(repo: Repo, path: str) -> dict[str, list[ServiceDecl]] | None:
    """{"production": services}, or None when the file cannot be read."""
    text = repo.read_text(path)
    if text is None:
        return None
    from ..treesitter import first_error, parse

    tree = parse("go", text)
    error = first_error(tree.root_node)
    if error is not None:
        repo.problem("DPL001", Location(path, error.start_point[0] + 1, error.start_point[1] + 1),
                     f"Go syntax error in {path}", "fix the syntax; `railway config plan` cannot load this file either")
    entry = next((n for n in tree.root_node.named_children if n.type == "function_declaration"
                  and _text(n.child_by_field_name("name")) == "Railway"), None)
    if entry is None:
        repo.problem("DPL004", Location(path, 1, 1), f"{path}: no `func Railway()` that deploylint can read",
                     "declare `func Railway() iac.Project { ... }` returning the project")
        return {}
    reader = _Reader(path)
    returned = reader.block(entry.child_by_field_name("body"))
    if reader.exhausted:
        repo.problem("DPL004", Location(path, 1, 1),
                     f"{path} is nested too deeply (or computes too much) to be read completely; parts of it were skipped",
                     "keep the Railway configuration flat: services as literal maps, small helpers")
    from ..code.js_static import Unknown

    runs = Runs()
    runs["production"] = services_of(returned if returned is not None else Unknown("Railway()"), reader.calls)
    runs.project = project_name(returned)
    _partial(repo, runs, tree.root_node, reader)
    return runs


def _partial(repo: Repo, runs: Runs, root, reader: "_Reader") -> None:
    """A package-level `const Partial = "api"` (or `var`): the CLI's wrapper reads `Partial`."""
    for declaration in root.named_children:
        if declaration.type not in ("const_declaration", "var_declaration"):
            continue
        specs = [c for child in declaration.named_children
                 for c in (child.named_children if child.type == "var_spec_list" else [child])]
        for spec in specs:
            if spec.type not in ("const_spec", "var_spec"):
                continue
            names = [c for c in spec.children_by_field_name("name")]
            value = spec.child_by_field_name("value")
            values = value.named_children if value is not None and value.type == "expression_list" else [value]
            for index, name in enumerate(names):
                if _text(name) == "Partial":
                    node = values[index] if index < len(values) else None
                    set_partial(repo, runs, reader.value(node) if node is not None else None, reader.where(name))
                    return


def _text(node) -> str:
    return node.text.decode("utf-8", errors="replace") if node is not None else ""


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.scope: dict = {}
        self.calls: list[ServiceDecl] = []
        self.steps = 0
        self.exhausted = False

    def where(self, node) -> Location:
        (line, column), (end_line, end_column) = node.start_point, node.end_point
        return Location(self.path, line + 1, column + 1, end_line + 1, end_column + 1)

    def block(self, node, depth: int = 0):
        """Runs a block's statements; the first value a top-level `return` gives."""
        returned = None
        stack = [(node, False)] if node is not None else []
        while stack:
            current, nested = stack.pop()
            self.steps += 1
            if self.steps > MAX_STEPS or depth > MAX_DEPTH:
                self.exhausted = True
                break
            kind = current.type
            if kind in ("short_var_declaration", "assignment_statement"):
                self._assign(current.child_by_field_name("left"), current.child_by_field_name("right"), depth)
            elif kind == "var_declaration":
                for spec in current.named_children:
                    if spec.type == "var_spec":
                        self._assign(spec.child_by_field_name("name"), spec.child_by_field_name("value"), depth, single=True)
            elif kind == "return_statement":
                values = [self.value(v, depth) for v in _expressions(current)]
                if returned is None and values and not nested:
                    returned = values[0]
            elif kind == "expression_statement":
                for child in current.named_children:
                    self.value(child, depth)
            elif kind in ("block", "statement_list"):
                stack.extend((child, nested) for child in reversed(current.named_children))
            elif kind in ("if_statement", "for_statement", "expression_switch_statement", "expression_case",
                          "default_case", "labeled_statement"):
                stack.extend((child, True) for child in reversed(current.named_children))
        return returned

    def _assign(self, left, right, depth: int, single: bool = False) -> None:
        names = [left] if single and left is not None else list(left.named_children) if left is not None else []
        values = [self.value(v, depth) for v in (right.named_children if right is not None else [])]
        for index, name in enumerate(names):
            if name.type == "identifier" and index < len(values):
                self.scope[_text(name)] = values[index]

    def value(self, node, depth: int = 0):
        from ..code.js_static import Unknown

        self.steps += 1
        if node is None:
            return None
        if depth > MAX_DEPTH or self.steps > MAX_STEPS:
            self.exhausted = True
            return Unknown(_text(node)[:80])
        kind = node.type
        if kind == "literal_element" and node.named_children:
            return self.value(node.named_children[0], depth)
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            return _string(node)
        if kind == "int_literal":
            return go_int(_text(node))
        if kind in ("true", "false"):
            return kind == "true"
        if kind == "parenthesized_expression" and node.named_children:
            return self.value(node.named_children[0], depth + 1)
        if kind == "identifier":
            return self.scope.get(_text(node), Unknown(_text(node)))
        if kind == "composite_literal":
            return self._composite(node, depth + 1)
        if kind == "call_expression":
            return self._call(node, depth + 1)
        return Unknown(_text(node)[:80])

    def _composite(self, node, depth: int):
        from ..code.js_static import Arr, Obj

        body = node.child_by_field_name("body")
        elements = body.named_children if body is not None else []
        struct = _STRUCTS.get(_type_name(node.child_by_field_name("type")))
        if struct is not None:
            return self._struct(node, struct, elements, depth)
        if any(e.type == "keyed_element" for e in elements):
            result = Obj(self.where(node))
            for element in elements:
                if element.type != "keyed_element" or len(element.named_children) < 2:
                    continue
                key_node, value_node = element.named_children[0], element.named_children[-1]
                key = _key(key_node)
                if key is None:
                    result.partial = True
                    continue
                result[key] = self.value(value_node, depth)
                result.keys_at[key], result.values_at[key] = self.where(key_node), self.where(value_node)
                result.texts[key] = _text(value_node)
            return result
        result = Arr(self.where(node))
        for element in elements:
            result.append(self.value(element, depth))
            result.items_at.append(self.where(element))
        return result

    def _struct(self, node, fields: tuple[str, str], elements, depth: int):
        """`iac.Service{Name: "bot", Config: iac.ServiceConfig{...}}` (Graph() builds its
        node from Name and Config) and `iac.Project{Name: "app", Resources: []any{...}}`."""
        from ..code.js_static import Obj, Unknown

        values = {}
        for element in elements:
            if element.type == "keyed_element" and len(element.named_children) >= 2:
                key = _key(element.named_children[0])
                if key in fields:
                    values[key] = self.value(element.named_children[-1], depth)
        name, members = values.get(fields[0]), values.get(fields[1])
        if fields[1] == "config":
            decl = ServiceDecl(name if isinstance(name, str) else "service",
                               members if isinstance(members, Obj) else None, self.where(node), {})
            self.calls.append(decl)
            return decl
        if not isinstance(members, list):
            return Unknown(_text(node)[:80])
        return Group(name if isinstance(name, str) else "project", list(members))

    def _call(self, node, depth: int):
        from ..code.js_static import Obj, Unknown

        function = node.child_by_field_name("function")
        name = _text(function.child_by_field_name("field")) if function is not None and function.type == "selector_expression" \
            else _text(function)
        arguments = node.child_by_field_name("arguments")
        args = [self.value(a, depth) for a in (arguments.named_children if arguments is not None else [])]
        if name in _SERVICES:
            service_name = args[0] if args and isinstance(args[0], str) else "service"
            options = args[1] if len(args) > 1 and isinstance(args[1], Obj) else None
            decl = ServiceDecl(service_name, options, self.where(node), {})
            self.calls.append(decl)
            return decl
        if name in _PROJECTS:
            members = args[1] if len(args) > 1 else args[0] if args and not isinstance(args[0], str) else []
            if not isinstance(members, list):
                return Unknown(_text(node)[:80])  # every declared service counts
            label = args[0] if args and isinstance(args[0], str) else "project"
            return Group(label, list(members))
        if name == "append" and function is not None and function.type == "identifier" and args:
            return [*args[0], *args[1:]] if isinstance(args[0], list) else Unknown(_text(node)[:80])
        if name in _SOURCES:
            return Source(_SOURCES[name], args[0] if args and isinstance(args[0], str) else "",
                          args[1] if len(args) > 1 and isinstance(args[1], Obj) else None)
        return Unknown(_text(node)[:80])


def _type_name(node) -> str:
    """`Service` for the types `iac.Service`, `railway.Service` and `Service`."""
    if node is None:
        return ""
    if node.type == "qualified_type":
        node = node.child_by_field_name("name")
    return _text(node) if node is not None and node.type == "type_identifier" else ""


def _expressions(node):
    for child in node.named_children:
        if child.type == "expression_list":
            return child.named_children
    return node.named_children


def _key(node) -> str | None:
    """A map key ("start") or a struct field (`RootDirectory:` -> `rootDirectory`)."""
    inner = node.named_children[0] if node.type == "literal_element" and node.named_children else node
    if inner.type in ("interpreted_string_literal", "raw_string_literal"):
        return _string(inner)
    if inner.type in ("identifier", "field_identifier"):
        word = _text(inner)
        return word[:1].lower() + word[1:]
    return None


def _string(node) -> str:
    text = _text(node)
    if node.type == "raw_string_literal":
        return text[1:-1] if len(text) >= 2 else ""
    try:
        value = json.loads(text)
    except ValueError:
        return text[1:-1] if len(text) >= 2 else ""
    return value if isinstance(value, str) else ""


def go_int(text: str):
    """A Go integer literal: decimal, `0x`/`0o`/`0b`, a leading-zero octal (`0755`), `_`
    separators. Past int64 (a compile error in Go) it is infinite: no count."""
    body = text.replace("_", "").lower()
    if len(body) > 70:
        return float("inf")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(body[:2])
    if base is None and len(body) > 1 and body.startswith("0"):
        base, body = 8, "0o" + body[1:]
    try:
        value = int(body, 0) if base else int(body, 10)
    except ValueError:
        from ..code.js_static import Unknown

        return Unknown(text[:80])
    return value if value < 2 ** 63 else float("inf")
