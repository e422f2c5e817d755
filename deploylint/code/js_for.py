"""C-style loops for js_eval: `for (init; condition; increment)`, `while (condition)`,
and the counters they move (`i++`, `i += 2`). The body runs while the condition is known
to be true, at most MAX_LOOP_ITEMS times; a condition only known at run time, a `break`
or `continue` (not modelled) or a loop past the bound makes the function's result
unknown (the evaluator says it computed too much), instead of a loop skipped in silence
(a `for (let i = 0; i < 3; i++) resources.push(service(...))` declares three services)."""
from __future__ import annotations

from .js_static import Scope, Unknown, _operate, truth

_JUMPS = (b"break", b"continue", b"yield", b"await")
_OPERATORS = {"+=": "+", "-=": "-", "*=": "*", "++": "+", "--": "-"}


def run_loop(ev, statement, scope: Scope, depth: int, limit: int):
    """(done, value) like Evaluator._run."""
    body = statement.child_by_field_name("body")
    if body is None or any(word in (body.text or b"") for word in _JUMPS):
        return True, Unknown(ev.text_of(statement)[:200])
    inner = Scope(scope)
    initializer = statement.child_by_field_name("initializer")
    if initializer is not None and initializer.type != "empty_statement":
        if initializer.type.endswith("declaration"):
            ev._run([initializer], inner, depth + 1)
        else:
            step(ev, initializer, inner, depth)
    condition = statement.child_by_field_name("condition")
    increment = statement.child_by_field_name("increment")
    if statement.type == "do_statement":  # the body once before the first test
        done, value = ev._run([body], Scope(inner), depth + 1)
        if done:
            return done, value
    for _ in range(limit):
        known = True if condition is None or condition.type == "empty_statement" else \
            truth(ev._value(condition, depth + 1, inner))
        if known is None:
            return True, Unknown(ev.text_of(statement)[:200])
        if not known:
            return False, None
        done, value = ev._run([body], Scope(inner), depth + 1)
        if done:
            return done, value
        if increment is not None:
            step(ev, increment, inner, depth)
    ev.exhausted = True
    return True, Unknown(ev.text_of(statement)[:200])


def step(ev, expression, scope: Scope, depth: int) -> None:
    """`i++`, `--i`, `i += 2`, `i = i + 1` (a comma list of them) on a name in scope."""
    if expression.type == "expression_statement" and expression.named_children:
        expression = expression.named_children[0]
    if expression.type == "sequence_expression":
        for part in expression.named_children:
            step(ev, part, scope, depth)
        return
    if expression.type == "update_expression":
        target, operator = expression.child_by_field_name("argument"), expression.child_by_field_name("operator")
        right = 1
    elif expression.type in ("augmented_assignment_expression", "assignment_expression"):
        target, operator = expression.child_by_field_name("left"), expression.child_by_field_name("operator")
        right = ev._value(expression.child_by_field_name("right"), depth + 1, scope)
    else:
        return
    if target is None or target.type != "identifier":
        return
    name = ev.text_of(target)
    holder = scope
    while holder is not None and name not in holder.names:
        holder = holder.parent
    if holder is None:
        return
    symbol = ev.text_of(operator) if operator is not None else "="
    if symbol == "=":
        holder.names[name] = right
    elif symbol in _OPERATORS:
        holder.names[name] = _operate(_OPERATORS[symbol], holder.names[name], right, ev.text_of(expression))
    else:
        holder.names[name] = Unknown(ev.text_of(expression))
