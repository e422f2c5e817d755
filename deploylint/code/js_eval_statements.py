"""Functions and statements for the js_eval Evaluator: calling a function of the file
(parameters, defaults and destructuring), running its statements (declarations, `if`,
`return`, `throw`, `try`, loops, member assignments). A mixin of Evaluator (js_eval), which
supplies `_value`, `_member`, `text_of` and the step budget."""
from __future__ import annotations

from .js_static import (MAX_DEPTH, MAX_STEPS, Arr, Function, Obj, Scope, Thrown, Unknown, _Budget, _js_number_text,
                        _options, truth)

MAX_LOOP_ITEMS = 1_000  # items a `for ... of` walks (the step budget bounds the bodies too)


class Statements:
    def call(self, function: Function, args: list, depth: int = 0):
        """The value a function of the file returns for `args`."""
        if depth == 0:
            try:
                return self._invoke(function, args, 1)
            except (_Budget, RecursionError):
                self.exhausted = True
                return Unknown(self.text_of(function.node))
        return self._invoke(function, args, depth)

    def _invoke(self, function: Function, args: list, depth: int):
        if depth > MAX_DEPTH:
            self.exhausted = True
            return Unknown(self.text_of(function.node))
        node = function.node
        scope = Scope(function.scope)
        params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        names = [params] if params is not None and params.type == "identifier" else \
            [p for p in (params.named_children if params is not None else []) if p.type != "comment"]
        for index, param in enumerate(names):
            self._bind(param, args[index] if index < len(args) else None, scope, depth)
        body = node.child_by_field_name("body")
        if body is None:
            return Unknown(self.text_of(node))
        if body.type != "statement_block":
            return self._value(body, depth + 1, scope)
        done, value = self._run(list(body.named_children), scope, depth + 1)
        return value if done else None

    def _bind(self, param, value, scope: Scope, depth: int) -> None:
        if param.type in ("required_parameter", "optional_parameter"):
            default = param.child_by_field_name("value")
            param = param.child_by_field_name("pattern") or (param.named_children[0] if param.named_children else param)
            if value is None and default is not None:
                value = self._value(default, depth + 1, scope)
        elif param.type == "assignment_pattern":
            default = param.child_by_field_name("right")
            param = param.child_by_field_name("left")
            if value is None and default is not None:
                value = self._value(default, depth + 1, scope)
        if param is None:
            return
        if param.type == "identifier":
            scope.names[self.text_of(param)] = value
        elif param.type == "array_pattern":  # `const [name, config] of Object.entries(x)`
            items = [c for c in param.named_children if c.type != "comment"]
            for index, child in enumerate(items):
                item = value[index] if isinstance(value, Arr) and index < len(value) else Unknown(self.text_of(child))
                self._bind(child, item, scope, depth)
        elif param.type == "object_pattern":  # ({ environment }) => ...
            named = set()
            for child in param.named_children:
                if child.type == "rest_pattern" and child.named_children:  # `{ a, ...rest }`: the other keys
                    rest = Obj(value.at) if isinstance(value, Obj) else Unknown(self.text_of(child))
                    if isinstance(value, Obj):
                        for key in value:
                            if key not in named:
                                rest[key] = value[key]
                                for table in ("keys_at", "values_at", "texts"):
                                    if key in getattr(value, table):
                                        getattr(rest, table)[key] = getattr(value, table)[key]
                        rest.partial = value.partial
                    self._bind(child.named_children[0], rest, scope, depth)
                    continue
                if child.type == "pair_pattern":
                    named.add(self._key(child.child_by_field_name("key"), depth, scope))
                elif child.type in ("shorthand_property_identifier_pattern", "object_assignment_pattern"):
                    named.add(self.text_of(child.child_by_field_name("left") or child))
                if child.type == "shorthand_property_identifier_pattern":
                    key = self.text_of(child)
                    scope.names[key] = value.get(key) if isinstance(value, Obj) else Unknown(key)
                elif child.type == "pair_pattern":
                    key, target = child.child_by_field_name("key"), child.child_by_field_name("value")
                    if target is not None and target.type == "identifier":
                        item = value.get(self.text_of(key)) if isinstance(value, Obj) else Unknown(self.text_of(key))
                        scope.names[self.text_of(target)] = item

    def _run(self, statements: list, scope: Scope, depth: int):
        """Runs statements; (True, value) once one returns, else (False, None). A branch
        whose condition is unknown runs both ways and merges the returned values."""
        for index, statement in enumerate(statements):
            self.steps += 1
            if self.steps > MAX_STEPS:
                raise _Budget()
            if depth > MAX_DEPTH:
                self.exhausted = True
                return True, Unknown(self.text_of(statement))
            kind = statement.type
            if kind in ("lexical_declaration", "variable_declaration"):
                for declarator in statement.named_children:
                    if declarator.type == "variable_declarator":
                        name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
                        if name is not None:
                            self._bind(name, self._value(value, depth + 1, scope) if value is not None else None, scope, depth)
                            if value is not None and name.type == "identifier" and len(self.declared) < 200:
                                self.declared[self.text_of(name)] = self.text_of(value)[:200]
            elif kind in ("function_declaration", "generator_function_declaration"):
                name = statement.child_by_field_name("name")
                if name is not None:
                    scope.names[self.text_of(name)] = Function(statement, scope)
            elif kind == "throw_statement":
                return True, Thrown(self.text_of(statement)[:200])
            elif kind == "return_statement":
                values = [c for c in statement.named_children if c.type != "comment"]
                return True, self._value(values[0], depth + 1, scope) if values else None
            elif kind == "statement_block":
                done, value = self._run(list(statement.named_children), scope, depth + 1)
                if done:
                    return done, value
            elif kind == "if_statement":
                rest = statements[index + 1:]
                condition = statement.child_by_field_name("condition")
                consequence = statement.child_by_field_name("consequence")
                alternative = statement.child_by_field_name("alternative")
                if alternative is not None and alternative.type == "else_clause":
                    alternative = alternative.named_children[0] if alternative.named_children else None
                known = truth(self._value(condition, depth + 1, scope))
                if known is not None:
                    branch = consequence if known else alternative
                    return self._run(([branch] if branch is not None else []) + rest, scope, depth + 1)
                first = self._run([consequence, *rest], Scope(scope), depth + 1)
                second = self._run(([alternative] if alternative is not None else []) + rest, Scope(scope), depth + 1)
                if first[0] or second[0]:
                    return True, Unknown(self.text_of(statement), _options(first[1], second[1]))
                return False, None
            elif kind == "for_in_statement":
                done, value = self._loop(statement, scope, depth)
                if done:
                    return done, value
            elif kind in ("for_statement", "while_statement", "do_statement"):
                from .js_for import run_loop

                done, value = run_loop(self, statement, scope, depth, MAX_LOOP_ITEMS)
                if done:
                    return done, value
            elif kind == "expression_statement" and statement.named_children:
                expression = statement.named_children[0]
                if expression.type == "assignment_expression":
                    left = expression.child_by_field_name("left")
                    if left is not None and left.type in ("subscript_expression", "member_expression"):
                        self._set_member(left, expression.child_by_field_name("right"), scope, depth)
                    if left is not None and left.type == "identifier":
                        found, _ = scope.lookup(self.text_of(left))
                        if found:
                            value = self._value(expression.child_by_field_name("right"), depth + 1, scope)
                            holder = scope
                            while holder is not None and self.text_of(left) not in holder.names:
                                holder = holder.parent
                            (holder or scope).names[self.text_of(left)] = value
                elif expression.type in ("update_expression", "augmented_assignment_expression", "sequence_expression"):
                    from .js_for import step

                    step(self, expression, scope, depth)
                elif expression.type == "call_expression":
                    # a call may register resources; one we cannot model may have side
                    # effects the rest depends on: the function's result is unknown
                    result = self._value(expression, depth + 1, scope)
                    if isinstance(result, Unknown) and not result.options:
                        return True, Unknown(self.text_of(expression))
        return False, None

    def _loop(self, statement, scope: Scope, depth: int):
        """`for (const name of ["a", "b"])` / `for (const key in obj)`: the body once per item
        of a list (or key of an object) the file writes, in a scope of its own; a loop over
        something unknown is skipped, as any statement the evaluator does not model."""
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
        body = statement.child_by_field_name("body")
        operator = statement.child_by_field_name("operator")
        if left is None or right is None or body is None:
            return False, None
        iterable = self._value(right, depth + 1, scope)
        if operator is not None and self.text_of(operator) == "in":
            items = list(iterable) if isinstance(iterable, Obj) else None
        else:
            items = list(iterable) if isinstance(iterable, (Arr, str)) else None
        if items is None:
            return False, None
        if len(items) > MAX_LOOP_ITEMS:
            self.exhausted = True
            items = items[:MAX_LOOP_ITEMS]
        for item in items:
            inner = Scope(scope)
            self._bind(left, item, inner, depth)
            done, value = self._run([body], inner, depth + 1)
            if done:
                return done, value
        return False, None

    def _set_member(self, left, right, scope: Scope, depth: int) -> None:
        """`services[name] = service(...)` / `config.bot = {...}`: the object the file holds
        gets the key (an array its index); anything else is not modelled."""
        holder = self._value(left.child_by_field_name("object"), depth + 1, scope)
        if left.type == "subscript_expression":
            key = self._value(left.child_by_field_name("index"), depth + 1, scope)
        else:
            key = self.text_of(left.child_by_field_name("property"))
        if right is None:
            return
        if isinstance(holder, Obj) and isinstance(key, (str, int, float)) and not isinstance(key, bool):
            name = key if isinstance(key, str) else _js_number_text(key)
            holder[name] = self._value(right, depth + 1, scope)
            holder.keys_at[name] = holder.values_at[name] = self.where(left)
        elif hasattr(holder, "assign") and isinstance(key, str):
            # a value a builtin made that takes members (`worker.deploy = {...}` on a
            # Railway service, as `railway config pull` writes them)
            holder.assign(key, self._value(right, depth + 1, scope), self.where(right), self.text_of(right))
        elif isinstance(holder, Arr) and isinstance(key, int) and not isinstance(key, bool) and 0 <= key <= len(holder) \
                and key < MAX_LOOP_ITEMS:
            value = self._value(right, depth + 1, scope)
            if key == len(holder):
                holder.append(value)
                holder.items_at.append(self.where(left))
            else:
                holder[key] = value

    # -- positions ------------------------------------------------------------------
