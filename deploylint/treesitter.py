"""tree-sitter parsers, loaded on first use (each grammar costs start-up time).

tree-sitter never raises on bad input: a broken command or file gives a tree with
ERROR/MISSING nodes, which callers report instead of crashing.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def parser(language: str):
    """A Parser for "bash", "javascript", "typescript", "tsx", "python" or "go"."""
    from tree_sitter import Language, Parser

    if language == "bash":
        import tree_sitter_bash as grammar

        handle = grammar.language()
    elif language == "javascript":
        import tree_sitter_javascript as grammar

        handle = grammar.language()
    elif language in ("typescript", "tsx"):
        import tree_sitter_typescript as grammar

        handle = grammar.language_typescript() if language == "typescript" else grammar.language_tsx()
    elif language == "python":
        import tree_sitter_python as grammar

        handle = grammar.language()
    elif language == "go":
        import tree_sitter_go as grammar

        handle = grammar.language()
    else:
        raise ValueError(f"no tree-sitter grammar for {language!r}")
    return Parser(Language(handle))


def parse(language: str, text: str):
    """The syntax tree of `text` (never raises)."""
    return parser(language).parse(text.encode("utf-8"))


def node_text(node) -> str:
    return node.text.decode("utf-8", errors="replace")


def ancestors(root, node) -> list:
    """`node`'s ancestors up to `root`, innermost first. Found from the root down, one step a
    level: tree-sitter answers each `node.parent` by descending from the root, so walking up
    one parent at a time costs the depth squared (a 3,000-link `.then()` chain nests that
    deep). A node not under `root` gets its parents the slow way."""
    path, current = [], root
    while current is not None and current != node:
        path.append(current)
        current = current.child_with_descendant(node)
    if current is None:
        path, current = [], node.parent
        while current is not None:
            path.append(current)
            current = current.parent
        return path
    path.reverse()
    return path


def first_error(node):
    """The first ERROR or MISSING node under `node`, or None."""
    if not node.has_error:
        return None
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error or current.is_missing:
            return current
        stack.extend(reversed([c for c in current.children if c.has_error or c.is_missing]))
    return None


def language_for(path: str) -> str:
    if path.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    if path.endswith(".tsx"):
        return "tsx"
    return "javascript"
