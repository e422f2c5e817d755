"""Whether an identifier names a parameter of a function around it (`ctx` in
`function (ctx) { ctx.reply() }`): its value is the caller's, so js_reach does not look the
name up in the module (that would read every handler). Part of the JS walk (js_reach)."""
from __future__ import annotations

from bisect import bisect_right

from ..treesitter import node_text
from .js_module import FUNCTION_TYPES, Module


def is_parameter(module: Module, identifier) -> bool:
    """`ctx` in `function (ctx) { ctx.reply() }`: a parameter of an enclosing function (its
    value is the caller's; looking the name up in the module would read every handler).
    The first questions of a module ask tree-sitter for the functions around the identifier
    only (a query limited to its byte range: the root's path down to it, in C); a module
    asked often gets an index of every function's parameters (`_parameter_scopes`)."""
    name = node_text(identifier)
    if module.parameters is None:
        module.parameter_questions += 1
        if module.parameter_questions <= MAX_RANGE_QUESTIONS:
            return any(name in _names(f) and f.start_byte <= identifier.start_byte and f.end_byte >= identifier.end_byte
                       for f in _enclosing_functions(module, identifier))
    scopes = _parameter_scopes(module).get(name)
    if not scopes:
        return False
    starts, reach = scopes  # functions with that parameter, by start; the furthest end so far
    index = bisect_right(starts, identifier.start_byte)
    return index > 0 and reach[index - 1] >= identifier.end_byte


MAX_RANGE_QUESTIONS = 32  # then one index of the whole module is cheaper


def _enclosing_functions(module: Module, identifier) -> list:
    from tree_sitter import QueryCursor

    from .js_module import _query

    cursor = QueryCursor(_query(module.language, tuple(sorted(FUNCTION_TYPES))))
    cursor.set_byte_range(identifier.start_byte, identifier.end_byte)
    return cursor.captures(module.root).get("n", [])


def _names(function) -> set[str]:
    """The parameter names a function declares (`(ctx, next)`, `ctx => ...`, `({ a }) =>` whole)."""
    params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
    if params is None:
        return set()
    return {node_text(params)} | {node_text(p.child_by_field_name("pattern") or p) for p in params.named_children}


def _parameter_scopes(module: Module) -> dict[str, tuple[list[int], list[int]]]:
    """Parameter name -> the functions declaring it, as byte ranges; built once per module
    with one query (walking up `parent` from every identifier costs the depth squared:
    tree-sitter answers `parent` from the root down, and a long `.then()` chain nests deep)."""
    if module.parameters is None:
        from .js_module import _matches

        ranges: dict[str, list[tuple[int, int]]] = {}
        for node in _matches(module.language, module.root, tuple(sorted(FUNCTION_TYPES))):
            for name in _names(node):
                ranges.setdefault(name, []).append((node.start_byte, node.end_byte))
        module.parameters = {}
        for name, spans in ranges.items():
            spans.sort()
            reach, furthest = [], -1
            for _, end in spans:
                furthest = max(furthest, end)
                reach.append(furthest)
            module.parameters[name] = ([start for start, _ in spans], reach)
    return module.parameters
