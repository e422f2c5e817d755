"""A Node entry that ends its own process: `process.exit()` as a top-level statement
(after `await main()` in an ES module), in the `finally` of a top-level `try`, at the end
of a top-level async IIFE or of the `main()` function the top level calls, or in a
`.then(() => process.exit())` / `.finally(...)` handler of such a call. The script is a
one-shot (a deploy-commands or set-commands script): a bot its imports start connects
only until that exit, so it is no long-running copy and the command after it in a shell
sequence (`node register.js && node index.js`) is no fallback (DPL109).

Unless the exit waits for a Telegram poller: `await bot.launch()` / `await bot.start()`
resolve only when polling stops, so an exit after them ends a long-running process."""
from __future__ import annotations

from ..treesitter import node_text
from .js_module import FUNCTION_TYPES, Module, strip

MAX_DEPTH = 4  # IIFE -> main() -> ... followed this deep
MAX_STATEMENTS = 500  # top-level statements looked at per block
MAX_VISITS = 5_000  # statements and calls looked at in all (hostile input: many calls of big functions)
MAX_CHAIN = 1_000  # `.then()`/`.catch()` links followed back to the call they hang on
_FUNCTION_VALUES = ("arrow_function", "function_expression", "function")


def exits_itself(module: Module | None) -> bool:
    """Whether the entry module's top level always ends in `process.exit()`."""
    if module is None or not module.mentions(b"exit"):
        return False
    return _block_exits(module, module.root, 0, [MAX_VISITS])


def blocks_until_stopped(hit) -> bool:
    """A Telegram poller whose start the code waits for (`await bot.launch()`,
    `return bot.start()`, `bot.launch().then(...)`): it keeps the process up."""
    if hit.kind not in ("polling", "polling-fallback") or hit.family != "telegram":
        return False
    node = hit.node
    parent = node.parent if node is not None else None
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type in ("await_expression", "return_statement"):
        return True
    if parent.type == "arrow_function" and parent.child_by_field_name("body") == node:
        return True
    if parent.type == "member_expression" and node_text(parent.child_by_field_name("property")) in ("then", "finally"):
        return True
    return False


def _block_exits(module: Module, block, depth: int, budget: list) -> bool:
    if block is None or depth > MAX_DEPTH or budget[0] <= 0:
        return False
    if block.type != "statement_block" and block.type != "program":
        return _expression_exits(module, block, depth, budget)  # `() => process.exit(0)`
    for statement in block.named_children[:MAX_STATEMENTS]:
        budget[0] -= 1
        if budget[0] <= 0:
            return False
        if _statement_exits(module, statement, depth, budget):
            return True
    return False


def _statement_exits(module: Module, statement, depth: int, budget: list) -> bool:
    if statement.type == "expression_statement":
        return any(_expression_exits(module, child, depth, budget) for child in statement.named_children[:1])
    if statement.type == "try_statement":
        final = statement.child_by_field_name("finalizer")
        if final is not None and _block_exits(module, final.child_by_field_name("body") or _last(final), depth, budget):
            return True
        handler = statement.child_by_field_name("handler")
        return (_block_exits(module, statement.child_by_field_name("body"), depth, budget)
                and (handler is None or _block_exits(module, handler.child_by_field_name("body"), depth, budget)))
    return False


def _last(node):
    return node.named_children[-1] if node.named_children else None


def _expression_exits(module: Module, node, depth: int, budget: list) -> bool:
    for _ in range(MAX_CHAIN):  # a loop, not recursion: `main().then(a).catch(b)...` may be long
        budget[0] -= 1
        node = strip(node)
        if node is None or budget[0] <= 0:
            return False
        if node.type == "unary_expression" and node_text(node).startswith("void"):  # `void main()`
            node = node.child_by_field_name("argument")
            continue
        if node.type != "call_expression":
            return False
        function = strip(node.child_by_field_name("function"))
        if function is None:
            return False
        if function.type == "member_expression":
            target, method = strip(function.child_by_field_name("object")), node_text(function.child_by_field_name("property"))
            if method == "exit" and target is not None and target.type == "identifier" and node_text(target) == "process":
                return True
            if method in ("then", "finally"):
                handlers = node.child_by_field_name("arguments")
                first = handlers.named_children[0] if handlers is not None and handlers.named_children else None
                if first is not None and first.type in _FUNCTION_VALUES \
                        and _block_exits(module, first.child_by_field_name("body"), depth + 1, budget):
                    return True
            if method in ("then", "finally", "catch"):  # `main().catch(log).finally(() => process.exit())`
                node = target
                continue
            return False
        if function.type in _FUNCTION_VALUES:  # `(async () => { ...; process.exit() })()`
            return _block_exits(module, function.child_by_field_name("body"), depth + 1, budget)
        if function.type == "identifier":  # `main()`: a function of the entry's top level
            return any(definition.type in FUNCTION_TYPES
                       and _block_exits(module, definition.child_by_field_name("body"), depth + 1, budget)
                       for definition in module.functions.get(node_text(function), [])[:3])
        return False
    return False
