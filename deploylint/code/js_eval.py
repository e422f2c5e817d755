"""The evaluator of js_static: expressions, small functions and statements of one
JavaScript/TypeScript file, statically (see js_static for what it reads and its budgets)."""
from __future__ import annotations

import math
import re

from ..model import Location
from .js_eval_literals import Literals
from .js_eval_statements import Statements
from .js_builtins import ARRAY_METHODS, NOT_BUILTIN, NUMBER_FUNCTIONS, method, static, to_number
from .js_static import (MAX_DEPTH, MAX_STEPS, Arr, Builtin, DirPath, Function, Obj, Scope, Unknown, _Budget,
                        _TRANSPARENT, _operate, _options, number, truth)


_UNSET = object()  # `_member` without an already evaluated receiver
# the module's own directory in ES modules (whitespace removed; its file: js_eval_literals.MODULE_FILE)
_MODULE_DIR = frozenset({"import.meta", "newURL('.',import.meta.url)", 'newURL(".",import.meta.url)',
                         "newURL('./',import.meta.url)", 'newURL("./",import.meta.url)'})


class Evaluator(Literals, Statements):
    """Evaluates expressions of one parsed file. `builtins` maps imported names to
    Builtin values; `globals_` adds values visible everywhere (tests, callers)."""

    def __init__(self, path: str, text: str, builtins: dict | None = None):
        self.path = path
        self.lines = text.split("\n")
        self.module = Scope()
        self.consts: dict[str, object] = {}  # module-level name -> value node (lazy)
        self.values: dict[str, object] = {}
        self.busy: set[str] = set()
        self.builtins = dict(builtins or {})
        self.steps = 0
        self.exhausted = False
        self.declared: dict[str, str] = {}  # local name -> the expression it was declared with
        self.exported: dict[str, str] = {}  # exported name -> the local name it exports (`exports` fills it)

    # -- module level ---------------------------------------------------------------
    def exports(self, program):
        """Reads top-level declarations; returns the exported value (module.exports,
        `export default`, `exports.x = ...`), or None."""
        result = None
        for statement in program.named_children:
            if statement.type == "export_statement":
                value = statement.child_by_field_name("value")
                if value is not None and any(c.type == "default" for c in statement.children):
                    result = self.value(value)
                    continue
                declaration = statement.child_by_field_name("declaration")
                if declaration is None:  # `export { main, build as Railway }`
                    for clause in (c for c in statement.named_children if c.type == "export_clause"):
                        for spec in clause.named_children:
                            name = spec.child_by_field_name("name")
                            alias = spec.child_by_field_name("alias") or name
                            if name is not None:
                                self.exported[self.text_of(alias)] = self.text_of(name)
                    continue
                statement, public = declaration, True
            else:
                public = False
            if statement.type in ("lexical_declaration", "variable_declaration"):
                for declarator in statement.named_children:
                    name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
                    if declarator.type == "variable_declarator" and name is not None and name.type == "identifier" and value is not None:
                        self.consts[self.text_of(name)] = value
                        self.values.pop(self.text_of(name), None)
                        if public:
                            self.exported[self.text_of(name)] = self.text_of(name)
            elif statement.type in ("function_declaration", "generator_function_declaration"):
                name = statement.child_by_field_name("name")
                if name is not None:
                    self.values[self.text_of(name)] = Function(statement, self.module)
                    if public:
                        self.exported[self.text_of(name)] = self.text_of(name)
            elif statement.type == "expression_statement" and statement.named_children:
                result = self._assignment(statement.named_children[0], result)
        return result

    def _assignment(self, node, result):
        if node.type != "assignment_expression":
            return result
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        target = re.sub(r"\s+", "", self.text_of(left))
        if target == "module.exports":
            return self.value(right)
        match = re.fullmatch(r"(?:module\.)?exports\.(\w+)", target)
        if match:
            if not isinstance(result, Obj):
                result = Obj(self.where(left))
            key = match.group(1)
            result[key], result.keys_at[key], result.values_at[key] = self.value(right), self.where(left), self.where(right)
            result.texts[key] = self.text_of(right)
        return result

    # -- values ---------------------------------------------------------------------
    def value(self, node, depth: int = 0, scope: Scope | None = None):
        """The value of expression `node` (never raises)."""
        if node is None:
            return None
        if depth == 0:
            try:
                return self._value(node, 0, scope)
            except (_Budget, RecursionError):
                self.exhausted = True
                return Unknown(self.text_of(node))
        return self._value(node, depth, scope)

    def _value(self, node, depth: int, scope: Scope | None):
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Budget()
        if depth > MAX_DEPTH:
            self.exhausted = True
            return Unknown(self.text_of(node))
        kind = node.type
        if kind in _TRANSPARENT and node.named_children:
            return self._value(node.named_children[0] if kind != "parenthesized_expression" else node.named_children[-1],
                               depth + 1, scope)
        if kind == "object":
            return self._object(node, depth, scope)
        if kind == "array":
            return self._array(node, depth, scope)
        if kind == "string":
            return "".join(self._fragment(c) for c in node.named_children)
        if kind == "template_string":
            return self._template(node, depth, scope)
        if kind == "number":
            return number(self.text_of(node))
        if kind in ("true", "false"):
            return kind == "true"
        if kind in ("null", "undefined"):
            return None
        if kind in ("identifier", "shorthand_property_identifier"):
            return self._identifier(node, depth, scope)
        if kind == "unary_expression":
            return self._unary(node, depth, scope)
        if kind == "binary_expression":
            return self._binary(node, depth, scope)
        if kind == "ternary_expression":
            return self._choose(node.child_by_field_name("condition"), node.child_by_field_name("consequence"),
                                node.child_by_field_name("alternative"), node, depth, scope)
        if kind in ("member_expression", "subscript_expression"):
            return self._member(node, depth, scope)
        if kind in ("arrow_function", "function_expression", "function"):
            return Function(node, scope or self.module)
        if kind == "call_expression":
            return self._call(node, depth, scope)
        return Unknown(self.text_of(node))

    def _identifier(self, node, depth: int, scope: Scope | None):
        name = self.text_of(node)
        if scope is not None:
            found, value = scope.lookup(name)
            if found:
                return value
        if name == "__dirname":
            return DirPath("")
        if name == "undefined":
            return None
        if name in ("NaN", "Infinity"):
            return math.nan if name == "NaN" else math.inf
        if name in self.values:
            return self.values[name]
        if name in self.consts and name not in self.busy:
            self.busy.add(name)
            try:
                self.values[name] = self._value(self.consts[name], depth + 1, None)
            finally:
                self.busy.discard(name)
            return self.values[name]
        if name in self.builtins:
            return self.builtins[name]
        return Unknown(name)

    def _unary(self, node, depth: int, scope):
        operator = self.text_of(node.child_by_field_name("operator"))
        inner = self._value(node.child_by_field_name("argument"), depth + 1, scope)
        if operator == "!":
            known = truth(inner)
            return Unknown(self.text_of(node)) if known is None else not known
        if operator in ("-", "+") and isinstance(inner, (int, float)) and not isinstance(inner, bool):
            return -inner if operator == "-" else inner
        return Unknown(self.text_of(node))

    def _binary(self, node, depth: int, scope):
        operator = self.text_of(node.child_by_field_name("operator"))
        left_node, right_node = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator in ("&&", "||", "??"):
            left = self._value(left_node, depth + 1, scope)
            if operator == "??":
                if isinstance(left, Unknown):
                    return self._either(left, right_node, node, depth, scope)
                return self._value(right_node, depth + 1, scope) if left is None else left
            known = truth(left)
            if known is None:
                return self._either(left, right_node, node, depth, scope)
            if (operator == "&&") == known:
                return self._value(right_node, depth + 1, scope)
            return left
        left = self._value(left_node, depth + 1, scope)
        right = self._value(right_node, depth + 1, scope)
        if isinstance(left, Unknown) or isinstance(right, Unknown):
            return Unknown(self.text_of(node))
        return _operate(operator, left, right, self.text_of(node))

    def _either(self, left, right_node, node, depth, scope):
        """`a || b` with `a` unknown: either value."""
        right = self._value(right_node, depth + 1, scope)
        return Unknown(self.text_of(node), _options(left, right))

    def _choose(self, condition, consequence, alternative, node, depth: int, scope):
        known = truth(self._value(condition, depth + 1, scope))
        if known is True:
            return self._value(consequence, depth + 1, scope)
        if known is False:
            return self._value(alternative, depth + 1, scope)
        first = self._value(consequence, depth + 1, scope)
        second = self._value(alternative, depth + 1, scope)
        if first == second and not isinstance(first, Unknown):
            return first
        return Unknown(self.text_of(node), _options(first, second))

    def _member(self, node, depth: int, scope, obj=_UNSET):
        if obj is _UNSET:
            obj = self._value(node.child_by_field_name("object"), depth + 1, scope)
        if node.type == "member_expression":
            key = self.text_of(node.child_by_field_name("property"))
        else:
            key = self._value(node.child_by_field_name("index"), depth + 1, scope)
        if isinstance(obj, Unknown) and key in ("dirname", "pathname") and re.sub(r"\s+", "", str(obj)) in _MODULE_DIR:
            return DirPath("")  # `import.meta.dirname`, `new URL('.', import.meta.url).pathname`
        if isinstance(obj, Obj) and isinstance(key, str):
            if key in obj:
                return obj[key]
            return Unknown(self.text_of(node)) if obj.partial else None
        if isinstance(obj, (Arr, str)) and key == "length":
            return Unknown(self.text_of(node)) if getattr(obj, "partial", False) else len(obj)
        if isinstance(obj, Arr) and isinstance(key, (int, float)) and not isinstance(key, bool) \
                and float(key).is_integer() and 0 <= key < len(obj):
            return obj[int(key)]
        return Unknown(self.text_of(node))

    # -- calls ----------------------------------------------------------------------
    def _call(self, node, depth: int, scope):
        function_node = node.child_by_field_name("function")
        path = self._path_call(node, depth, scope)
        if path is not None:
            return path
        args_node = node.child_by_field_name("arguments")
        arg_nodes = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
        if function_node is not None and function_node.type == "member_expression":
            # the receiver once: a standard method of it (js_builtins), else the member it names
            holder = self._value(function_node.child_by_field_name("object"), depth + 1, scope)
            found = self._standard(holder, function_node, arg_nodes, node, depth, scope)
            if found is not NOT_BUILTIN:
                return found
            callee = self._member(function_node, depth, scope, holder)
        else:
            callee = self._value(function_node, depth + 1, scope) if function_node is not None else None
        if isinstance(callee, Unknown) and function_node is not None and function_node.type == "member_expression" \
                and function_node.child_by_field_name("object").type == "identifier":
            # `iac.service(...)` with `import * as iac from "railway/iac"`: the caller's builtin
            callee = self.builtins.get(self.text_of(function_node.child_by_field_name("property")), callee)
        if isinstance(callee, Builtin):
            values = [self._value(a, depth + 1, scope) for a in arg_nodes]
            try:
                return callee.call(self, values, arg_nodes, node)
            except (_Budget, RecursionError):
                raise
            except Exception:  # noqa: BLE001 - a caller's model never stops the scan
                return Unknown(self.text_of(node))
        if isinstance(callee, Function):
            values = [self._value(a, depth + 1, scope) for a in arg_nodes]
            return self.call(callee, values, depth + 1)
        if function_node is not None and function_node.type == "identifier" and arg_nodes \
                and self.text_of(function_node) in NUMBER_FUNCTIONS and isinstance(callee, Unknown):
            # `Number(process.env.N || 2)`: the number of each value the argument may have
            return to_number(self._value(arg_nodes[0], depth + 1, scope), self.text_of(node))
        return Unknown(self.text_of(node))

    def _standard(self, holder, function_node, arg_nodes, node, depth: int, scope):
        """`list.map(fn)`, `Object.fromEntries(...)`: js_builtins, or NOT_BUILTIN."""
        name = self.text_of(function_node.child_by_field_name("property"))
        receiver = function_node.child_by_field_name("object")
        if isinstance(holder, Unknown) and receiver.type == "identifier" and self.text_of(receiver) == "Object":
            values = [self._value(a, depth + 1, scope) for a in arg_nodes]
            return static(self, name, values, node)
        if isinstance(holder, (Arr, str)) and (name in ARRAY_METHODS or isinstance(holder, str)):
            values = [self._value(a, depth + 1, scope) for a in arg_nodes]
            return method(self, holder, name, values, depth, node)
        return NOT_BUILTIN

    def text_of(self, node) -> str:
        return node.text.decode("utf-8", errors="replace") if node is not None else ""

    def where(self, node) -> Location:
        if node is None:
            return Location(self.path, 1, 1)
        (row, start), (end_row, end) = node.start_point, node.end_point
        return Location(self.path, row + 1, self._column(row, start), end_row + 1, self._column(end_row, end))

    def _column(self, row: int, byte_column: int) -> int:
        line = self.lines[row] if row < len(self.lines) else ""
        return len(line.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore")) + 1
