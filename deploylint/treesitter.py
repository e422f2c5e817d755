"""tree-sitter parsers, loaded on first use (each grammar costs start-up time).

tree-sitter never raises on bad input: a broken command or file gives a tree with
ERROR/MISSING nodes, which callers report instead of crashing.
"""
from __future__ import annotations

from functools import lru_cache

from .safe import LimitExceeded


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


# CPU seconds one parse may take. tree-sitter's error recovery is slower than linear on
# some garbage (a 1 MB line of `${A:-` in a .ts file took 38 s, and a hang in C code
# cannot be interrupted by a signal): the parse is cut there (ParseTooLong, DPL006).
PARSE_SECONDS = 5.0
DIRECT_BYTES = 1 << 18  # 256 KB: parsed at once (even garbage takes a few seconds at most)
_CHUNK = 1 << 14


def parse(language: str, text: str):
    """The syntax tree of `text`: tree-sitter reports bad input as ERROR/MISSING nodes;
    ParseTooLong when the parse takes more than PARSE_SECONDS."""
    return parse_bytes(language, text.encode("utf-8"))


def parse_bytes(language: str, source: bytes, seconds: float | None = None):
    """`parse` for bytes. A source up to DIRECT_BYTES is parsed at once (fast enough
    whatever it holds); a larger one under tree-sitter's progress callback, which stops it
    past `seconds` (PARSE_SECONDS by default), then once more from the bytes with that tree
    as the old tree (all of it reused: cheap), so that nodes read their text from the bytes
    (a tree parsed from a callback reads every node's text back through it: slow)."""
    engine = parser(language)  # shared (lru_cache): a stopped parse must not be resumed by the next one
    if len(source) <= DIRECT_BYTES:
        return engine.parse(source)
    import time

    seconds = PARSE_SECONDS if seconds is None else seconds
    deadline = time.process_time() + seconds
    state = [0, 0]  # offset reached, progress calls

    def read(offset: int, _point):
        return source[offset:offset + _CHUNK]

    def progress(offset: int, _has_error: bool) -> bool:
        state[0] = offset
        state[1] += 1
        return state[1] % 16 == 0 and time.process_time() > deadline  # (the clock is a system call)

    try:
        tree = engine.parse(read, progress_callback=progress)
    except ValueError:  # "Parsing failed": how py-tree-sitter 0.25+ says the callback stopped it
        tree = None
    if tree is None:
        engine.reset()
        raise ParseTooLong(language, seconds, source.count(b"\n", 0, min(state[0], len(source))) + 1)
    return engine.parse(source, old_tree=tree)


class ParseTooLong(LimitExceeded):
    """A parse cut at its time budget (DPL006); `line` is where it had got to."""

    def __init__(self, language: str, seconds: float, line: int):
        super().__init__(f"its {language} code took more than {seconds:g} s to parse (cut at line {line})")
        self.line = line


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
