"""A hand-written Telegram poller in JavaScript/TypeScript: getUpdates fetched in a loop.

`while (true) { await fetch(`${API}/bot${token}/getUpdates?offset=${offset}`) }`, or a
`poll()` function that fetches getUpdates and schedules itself again (`setTimeout(poll)`,
`setInterval(poll, ...)`, a recursive call) is a long-polling client like any library's:
two of them on one token get 409 Conflict. A single getUpdates call (reading a chat id,
flushing old updates with `offset=-1`) is not a poller.
"""
from __future__ import annotations

import re

from ..treesitter import node_text
from .js_bots import Hit
from .js_expr import arguments, value_of
from .js_module import FUNCTION_TYPES, Module, name_of
from .js_reach import Unit, context, short

NEEDLE = b"getUpdates"
LOOPS = frozenset({"while_statement", "for_statement", "for_in_statement", "do_statement"})
TIMERS = frozenset({"setTimeout", "setInterval", "setImmediate"})
MAX_URL = 2000  # characters of a URL expression worth reading


def detect(unit: Unit, node) -> list[Hit]:
    """Hits for a call whose URL argument names getUpdates, when it repeats."""
    module = unit.module
    if node.type != "call_expression" or not module.mentions(NEEDLE):
        return []
    callee = node.child_by_field_name("function")
    if callee is not None and (callee.type == "import" or node_text(callee) == "require"):
        return []  # `require('../core/getUpdates')` loads a module: it fetches nothing
    args = arguments(node)
    if not args or not any(_names_get_updates(module, a) for a in args[:2]):
        return []
    if not _repeats(unit, node):
        return []
    return [Hit("polling", "Telegram polling (raw getUpdates loop)", "telegram", node,
                f"`{short(node, 50)}` fetches Telegram getUpdates over and over (a hand-written long-polling loop)",
                _token(module, node))]


def _names_get_updates(module: Module, arg) -> bool:
    """The argument is (or is a constant holding) a URL or method name with getUpdates,
    and not a one-off flush (`offset=-1`)."""
    value = value_of(module, arg)
    for candidate in (arg, value):
        if candidate is None or candidate.end_byte - candidate.start_byte > MAX_URL:
            continue
        text = node_text(candidate)
        if "getUpdates" in text and candidate.type in ("string", "template_string", "binary_expression", "object"):
            return "offset=-1" not in text.replace(" ", "")
        if candidate.type == "template_string" and _substitutes_method(module, candidate):
            return "offset=-1" not in text.replace(" ", "")
    return False


def _substitutes_method(module: Module, template) -> bool:
    """`${API}/bot${token}/${METHOD}` with `const METHOD = 'getUpdates'` (a constant of
    the file, not a parameter: `${method}` of a generic helper names no method here)."""
    for part in template.named_children[:20]:
        if part.type != "template_substitution" or not part.named_children:
            continue
        inner = part.named_children[0]
        if inner.type != "identifier":
            continue
        value = value_of(module, inner)
        if value is not None and value is not inner and value.type in ("string", "template_string") \
                and value.end_byte - value.start_byte <= MAX_URL and "getUpdates" in node_text(value):
            return True
    return False


def _repeats(unit: Unit, node) -> bool:
    """Inside a loop, a timer's callback, or a function that schedules or calls itself,
    here or at a call site on the way from the entry (`while (on) await getUpdates(offset)`
    around a helper that fetches once)."""
    for _module, parent, child in context(unit, node):
        if parent.type in LOOPS and child not in (parent.child_by_field_name("initializer"),
                                                  parent.child_by_field_name("right")):  # `for (x of once())`
            return True
        if parent.type == "arguments" and _is_timer_call(parent.parent) and child.type in FUNCTION_TYPES:
            return True
        if parent.type in FUNCTION_TYPES and _calls_itself(parent):
            return True
    while unit is not None:  # a unit that is a callback: `setInterval(async () => {...}, ms)`
        function = unit.node
        if function is not None and function.type in FUNCTION_TYPES and function.parent is not None \
                and function.parent.type == "arguments" and _is_timer_call(function.parent.parent):
            return True
        if function is not None and function.type in FUNCTION_TYPES and _calls_itself(function):
            return True  # a method on the way that runs itself again (`listen() { this.pull().then(this.listen) }`)
        unit = unit.parent
    return False


def _is_timer_call(call) -> bool:
    if call is None or call.type != "call_expression":
        return False
    function = call.child_by_field_name("function")
    name = name_of(function) if function is not None and function.type == "identifier" else (
        name_of(function.child_by_field_name("property")) if function is not None and function.type == "member_expression" else None)
    return name in TIMERS


def _function_name(function) -> str | None:
    named = name_of(function.child_by_field_name("name")) if function.child_by_field_name("name") is not None else None
    if named:
        return named
    parent = function.parent
    if parent is not None and parent.type in ("variable_declarator", "assignment_expression", "pair"):
        target = parent.child_by_field_name("name") or parent.child_by_field_name("left") or parent.child_by_field_name("key")
        if target is not None and target.type == "member_expression":
            target = target.child_by_field_name("property")
        return name_of(target)
    return None


def _calls_itself(function) -> bool:
    """`function poll() { ...; setTimeout(poll, 1000) }`, `const poll = async () => {...; poll() }`,
    a method `async poll() { ...; this.poll() }`, or one that hands itself to its own promise
    (`this.fetchOnce().then(this.poll)`, `.finally(poll)`): it runs again when the fetch settles."""
    name = _function_name(function)
    body = function.child_by_field_name("body")
    if not name or body is None or body.end_byte - body.start_byte > 20000:
        return False
    text = node_text(body)
    word = re.escape(name)
    return re.search(rf"(?<![\w$]){word}\s*\(|\b(?:set(?:Timeout|Interval|Immediate)|nextTick)\s*\(\s*(?:this\.)?{word}\b"
                     rf"|\bset(?:Timeout|Interval|Immediate)\s*\([^,]{{0,80}}?(?:this\.)?{word}\s*\("
                     rf"|\.\s*(?:then|finally)\s*\(\s*(?:this\.)?{word}\s*[,)]", text) is not None


def _token(module: Module, node) -> str:
    """The environment variable in the URL (`${process.env.BOT_TOKEN}`), when written there."""
    text = node_text(node)
    match = re.search(r"process\.env\.([A-Z_][A-Z0-9_]*)", text) if len(text) <= MAX_URL else None
    return match.group(1) if match else ""
