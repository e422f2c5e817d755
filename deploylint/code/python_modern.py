"""Python that is valid for a newer interpreter than the one deploylint runs on.

A file using PEP 701 f-strings (nested quotes, backslashes or comments inside `{}`),
PEP 695 `type` aliases and generic parameters (`def f[T]()`, `class C[T]:`), PEP 758
`except A, B:` without parentheses (Python 3.14) fails
`ast.parse` on Python 3.11 although it is not broken. tree-sitter-python accepts it:
when its tree has no error, the newer constructs are blanked out of the source byte for
byte (an f-string becomes a plain string of the same length, a `type X = ...` statement
becomes `X=0`, `[T]` becomes spaces) and the result is parsed with `ast`. Lines and
byte columns are unchanged, so every location stays exact; what is lost is the text of
those f-strings and the aliases' values, which start nothing.

`downgrade(text)` returns the blanked source, or None when the file is not valid newer
Python either (then it is reported as broken, as before).
"""
from __future__ import annotations

import ast
from functools import lru_cache

MODERN_STRING_PREFIXES = frozenset("fFtT")  # f-strings, and PEP 750 t-strings
MAX_BYTES = 2_000_000


def downgrade(text: str) -> str | None:
    data = text.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_BYTES:
        return None
    try:
        from ..treesitter import parse

        tree = parse("python", text)
    except Exception:  # the grammar is missing or cannot load: treat the file as before
        return None
    if tree.root_node.has_error:
        return None
    patched = bytearray(data)
    changed = False
    gone = -1  # the end of the last node blanked whole: the nodes inside it went with it
    for node in _candidates(tree.root_node):  # source order, outer before inner
        if node.start_byte < gone:
            continue
        kind = node.type
        if kind == "string":
            if _modern_string(node, data):
                changed |= _blank_string(patched, node.start_byte, node.end_byte)
                gone = node.end_byte
        elif kind == "except_clause":
            changed |= _unparenthesised_except(patched, node)
        elif kind == "type_alias_statement":
            changed |= _blank_alias(patched, node, data)
            gone = node.end_byte
        elif node.parent is not None and node.parent.type in ("function_definition", "class_definition"):
            _blank(patched, node.start_byte, node.end_byte)  # a type_parameter list
            changed = True
            gone = node.end_byte
    if not changed:
        return None
    try:
        return patched.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return None


def _candidates(root) -> list:
    """Strings, `type` statements and type parameter lists, in source order (a
    tree-sitter query runs in C: no visit of every node from Python)."""
    from tree_sitter import QueryCursor

    captures = QueryCursor(_query()).captures(root)
    return sorted(captures.get("n", []), key=lambda n: (n.start_byte, -n.end_byte))


@lru_cache(maxsize=None)
def _query():
    from tree_sitter import Query

    from ..treesitter import parser

    grammar = parser("python").language
    kinds = [k for k in ("string", "type_alias_statement", "type_parameter", "except_clause")
             if grammar.id_for_node_kind(k, True)]
    return Query(grammar, "[" + " ".join(f"({k})" for k in kinds) + "] @n")


def _unparenthesised_except(patched: bytearray, node) -> bool:
    """PEP 758 (Python 3.14): `except A, B:` without parentheses. Each top-level comma
    becomes `|` (`except A| B:`, an expression the older parser accepts, same length)."""
    commas = [child for child in node.children if child.type == ","]
    if not commas or any(child.type in ("as", "as_pattern") for child in node.children):
        return False
    for comma in commas:
        patched[comma.start_byte:comma.end_byte] = b"|"
    return True


def _modern_string(node, data: bytes) -> bool:
    """An f-/t-string that the running Python cannot parse on its own."""
    start = node.children[0] if node.children else None
    prefix = data[node.start_byte:start.end_byte] if start is not None else b""
    if not MODERN_STRING_PREFIXES & set(prefix.decode("ascii", "ignore")):
        return False
    source = data[node.start_byte:node.end_byte].decode("utf-8", "replace")
    try:
        ast.parse("(\n" + source + "\n)", mode="eval")
        return False
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True


def _blank(patched: bytearray, start: int, end: int) -> None:
    for i in range(start, end):
        if patched[i] not in (0x0A, 0x0D):
            patched[i] = 0x20


def _blank_string(patched: bytearray, start: int, end: int) -> bool:
    """Replace a string literal with a plain one of the same byte length."""
    length = end - start
    multiline = any(patched[i] in (0x0A, 0x0D) for i in range(start, end))
    quote = b'"""' if multiline else b'"'
    if length < 2 * len(quote):
        return False
    _blank(patched, start, end)
    patched[start:start + len(quote)] = quote
    patched[end - len(quote):end] = quote
    return True


def _blank_alias(patched: bytearray, node, data: bytes) -> bool:
    """`type Name[T] = value` -> `Name=0` followed by spaces."""
    name = node.child_by_field_name("left") or next(
        (c for c in node.children[1:] if c.type in ("type", "identifier")), None)
    word = data[name.start_byte:name.end_byte] if name is not None else b""
    word = word.split(b"[")[0].strip()
    replacement = (word or b"_") + b"=0"
    if len(replacement) > node.end_byte - node.start_byte or not replacement[:-2].replace(b"_", b"a").isalnum():
        replacement = b"pass"
    _blank(patched, node.start_byte, node.end_byte)
    patched[node.start_byte:node.start_byte + len(replacement)] = replacement
    return True
