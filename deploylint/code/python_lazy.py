"""Function bodies parsed when they are reached, not up front.

A large module (a 300 KB bot with a thousand handlers, a Flask app with every route in
one file) is mostly function bodies, and the walk from an entry point reaches a few of
them. `ast.parse` spends its time building objects for all of them. So a module past
LAZY_MIN characters is parsed as a *skeleton*: every `def` that owns an indented block
keeps its decorators and signature, and its block becomes `pass` (newlines kept, so every
line number stays the same). The real block is parsed from the original lines the first
time anything reads the function's `body` (end positions are known from the text): the stubbed nodes are
`FunctionDef`/`AsyncFunctionDef` subclasses whose `body` is a property. Code that walks
the tree with `ast.walk` sees the full tree, as before; only the module's own indexes
(python_module.walk/statements with `lazy=True`) skip the blocks nobody asked for, and ask
for the blocks whose text mentions the word they look up.

The skeleton is trusted only when `ast` agrees with it: every stub must come back as a
function at its line whose block is the one `pass`. Anything else (a block that ends inside
a string, tabs, a one-line def) is parsed as before. A block whose own parse disagrees
with the skeleton is taken from a full parse of the module.

Import statements inside stubbed blocks bind module-wide names (python_module), so they
are read from the block's text without parsing the block (`imports`).
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left

from ..patterns import lazy_re

LAZY_MIN = 2_000  # characters: smaller modules are parsed whole
PREFIX_LINES = 5_000  # a block starting further down is parsed alone and its line numbers moved
_DEF = lazy_re(r"def[ \t]+(\w+)")  # a literal first: the search skips ahead fast; the line is checked after
_IMPORT = lazy_re(r"^[ \t]*(?:from[ \t]+\.*[\w.]*[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)", re.M)
_BLOCKS: dict[int, re.Pattern] = {}
MAX_HEADER = 4000  # characters a multi-line signature may take before we give up on it


class Stub:
    """The original block of one stubbed function: text offsets and lines."""

    __slots__ = ("name", "line", "indent", "def_start", "start", "end", "first_line", "last_line", "qual", "node")

    def __init__(self, name: str, line: int, indent: int, def_start: int, start: int, end: int, first_line: int,
                 last_line: int):
        self.name, self.line, self.indent, self.def_start = name, line, indent, def_start
        self.start, self.end = start, end  # the block's text: [start, end)
        self.first_line, self.last_line = first_line, last_line
        self.qual = ""
        self.node = None


def _dedent(indent: int) -> re.Pattern:
    """The newline before the first line that ends a block at `indent`: code (not blank,
    not a comment) indented `indent` spaces or fewer."""
    pattern = _BLOCKS.get(indent)
    if pattern is None:
        pattern = _BLOCKS[indent] = re.compile(r"\n(?= {0,%d}[^ \n#])" % indent)
    return pattern


def _header_end(text: str, start: int) -> tuple[int | None, int]:
    """(offset just after the newline that ends a `def` header starting at `start` (a
    colon ending the line with brackets balanced) or None, the offset the scan got to).
    The next search starts where this one stopped, so headers cost one pass in all."""
    depth, pos = 0, start
    while pos - start < MAX_HEADER:
        newline = text.find("\n", pos)
        if newline < 0:
            return None, len(text)
        line = text[pos:newline]
        depth += line.count("(") + line.count("[") - line.count(")") - line.count("]")
        code = line.split("#", 1)[0].rstrip() if "#" in line else line.rstrip()
        if depth <= 0 and code.endswith(":"):
            return newline + 1, newline + 1
        if depth <= 0 and code and pos != start:
            return None, newline + 1
        pos = newline + 1
    return None, pos


def normalised(text: str) -> str | None:
    """The text as the skeleton reads it: CRLF line ends as LF and a final newline added
    (Python reads both the same: same lines, same columns), or None when a lone CR (an
    old Mac line end) would change the line numbers. Files written on Windows or by an
    editor that leaves the last newline off are then read lazily like any other."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    return text if text.endswith("\n") else text + "\n"


def skeleton(text: str) -> tuple[str, list[Stub]]:
    """The module text with stubbed blocks, and the stubs. Stubs are outermost blocks
    only (a def inside a stubbed block comes with its parent)."""
    if "\t" in text or "\r" in text or not text.endswith("\n"):
        return text, []  # tab indentation, CR line ends, no final newline: parsed whole
    pieces: list[str] = []
    stubs: list[Stub] = []
    pos = 0
    line = 1  # line number at `pos`
    search = _DEF.search
    match = search(text)
    while match is not None:
        next_from = match.end()
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start:match.start()]
        code = before.lstrip(" ")
        if code and (code[:5] != "async" or code[5:].strip(" ")):
            match = search(text, next_from)
            continue  # `def` inside a line: not a definition
        indent = len(before) - len(code)
        header_end, scanned = _header_end(text, line_start)
        if header_end is None:
            match = search(text, max(next_from, scanned))
            continue
        dedent = _dedent(indent).search(text, header_end - 1)
        end = dedent.end() if dedent is not None else len(text)
        while end > header_end:  # trailing blank and comment lines belong to what follows
            last = text.rfind("\n", header_end, end - 1) + 1 or header_end
            stripped = text[last:end].strip()
            if stripped and not stripped.startswith("#"):
                break
            end = last
        if end <= header_end or text.count('"""', header_end, end) % 2 or text.count("'''", header_end, end) % 2:
            match = search(text, next_from)
            continue
        def_line = line + text.count("\n", pos, line_start)
        first_line = def_line + text.count("\n", line_start, header_end)
        newlines = text.count("\n", header_end, end)
        pieces.append(text[pos:header_end])
        pieces.append(" " * (indent + 1) + "pass" + "\n" * newlines)
        stubs.append(Stub(match.group(1), def_line, indent, line_start, header_end, end, first_line,
                          first_line + newlines - 1))
        line = first_line + newlines
        pos = end
        match = search(text, end)  # a def inside the block comes with it
    if not stubs:
        return text, []
    pieces.append(text[pos:])
    return "".join(pieces), stubs


def attach(tree: ast.Module, stubs: list[Stub], owner, text: str) -> bool:
    """Mark the skeleton's stubbed functions lazy (their `body` asks `owner`) and give
    them, and the statements they end, their real end positions; False when the skeleton
    does not have exactly the functions and `pass` blocks expected."""
    by_line = {stub.line: stub for stub in stubs}
    found: list[tuple[Stub, tuple]] = []
    todo: list[tuple[ast.AST, tuple]] = [(stmt, ()) for stmt in tree.body]
    while todo:
        node, parents = todo.pop()
        kind = type(node)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            stub = by_line.get(node.lineno)
            if stub is not None:
                body = node.body
                if stub.node is not None or node.name != stub.name or node.col_offset != stub.indent or len(body) != 1 \
                        or type(body[0]) is not ast.Pass or body[0].lineno != stub.first_line \
                        or node.end_lineno != stub.first_line:
                    return False
                stub.node = node
                found.append((stub, parents))
                continue
        inner = parents + (node,)
        for name in ("body", "orelse", "finalbody"):
            todo.extend((child, inner) for child in getattr(node, name, ()) or ())
        for clause in [*(getattr(node, "handlers", None) or ()), *(getattr(node, "cases", None) or ())]:
            todo.extend((child, inner + (clause,)) for child in clause.body)
    if len(found) != len(stubs):
        return False
    for stub, parents in found:
        node = stub.node
        stubbed_end = (node.end_lineno, node.end_col_offset)
        end = _end(text, stub)
        node.__class__ = LazyFunctionDef if type(node) is ast.FunctionDef else LazyAsyncFunctionDef
        node.__dict__["_stub"] = stub
        node.__dict__["_owner"] = owner
        if end is None:  # the last line has a comment: where the code ends needs the parse
            _ = node.body
            end = (node.end_lineno, node.end_col_offset)
        node.end_lineno, node.end_col_offset = end
        for parent in reversed(parents):  # the class, `if` or `try` the function ends ends there too
            if (parent.end_lineno, parent.end_col_offset) != stubbed_end:
                break
            parent.end_lineno, parent.end_col_offset = end
    return True


def _end(text: str, stub: Stub) -> tuple[int, int] | None:
    """(line, UTF-8 column) where the block's last statement ends: the end of its last
    line, or None when that line has a `#` (a comment, or one inside a string)."""
    start = text.rfind("\n", stub.start, stub.end - 1) + 1 or stub.start
    line = text[start:stub.end - 1].rstrip()
    if "#" in line:
        return None
    return stub.last_line, len(line) if line.isascii() else len(line.encode("utf-8"))


def pending(node) -> Stub | None:
    """The stub of a function whose block has not been parsed yet."""
    return node.__dict__.get("_stub")


def _materialize(node) -> None:
    stub = node.__dict__.pop("_stub", None)
    if stub is None:
        return
    node.__dict__["_owner"].materialize(node, stub)


def _lazy_property(field: str):
    def get(self):
        if "_stub" in self.__dict__:
            _materialize(self)
        return self.__dict__[field]

    def put(self, value):
        self.__dict__[field] = value

    return property(get, put)


class LazyFunctionDef(ast.FunctionDef):
    __slots__ = ()
    body = _lazy_property("body")


class LazyAsyncFunctionDef(ast.AsyncFunctionDef):
    __slots__ = ()
    body = _lazy_property("body")


# visitors dispatch on the class name (ast.unparse, NodeVisitor): keep the real ones
LazyFunctionDef.__name__ = LazyFunctionDef.__qualname__ = "FunctionDef"
LazyAsyncFunctionDef.__name__ = LazyAsyncFunctionDef.__qualname__ = "AsyncFunctionDef"
LAZY_TYPES = (LazyFunctionDef, LazyAsyncFunctionDef)


def block_source(text: str, stub: Stub) -> tuple[str, int]:
    """(source, lines) where the source parses to the function alone at its own lines and
    columns: the original lines from the `def` line, after blank lines (and an `if 1:` for a
    method), and `lines`, how far its line numbers still move down (`ast.increment_lineno`).
    Up to PREFIX_LINES blank lines are put in front (the parser skips them in C); past that
    the numbers are moved instead: blank lines scanned again for every block made a module
    whose ten thousand functions are all reached quadratic."""
    lines = text[stub.def_start:stub.end]
    before = stub.line - 2 if stub.indent else stub.line - 1
    blank = before if before <= PREFIX_LINES else 0
    return "\n" * blank + ("if 1:\n" if stub.indent else "") + lines, before - blank


_STRING = lazy_re(r"""(\"\"\"|''')(?:\\.|(?!\1)[^\\])*?\1|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\#[^\n]*""", re.S)


def _in_strings(text: str, start: int, end: int, until: int | None = None):
    """Whether an offset lies inside a string or comment of text[start:end] (an example
    `from x import y` in a docstring binds nothing). Offsets asked about are below `until`
    when given: the strings that start after it are not scanned for."""
    spans = []
    for m in _STRING.finditer(text, start, end):
        if until is not None and m.start() >= until:
            break
        if m.group(0)[0] != "#":
            spans.append((m.start(), m.end()))

    starts = [a for a, _ in spans]  # the matches do not overlap: the one that starts last before offset

    def inside(offset: int) -> bool:
        index = bisect_left(starts, offset) - 1
        return index >= 0 and offset < spans[index][1]

    return inside


def imports(text: str, stubs: list[Stub]) -> list[ast.stmt] | None:
    """The import statements in stubbed blocks, read from their text without parsing the
    blocks (one parse of the statements, each at its own line), or None when they cannot
    be read that way (then the blocks are parsed)."""
    pieces: list[str] = []
    line = 1  # the line the source built so far ends on
    for stub in stubs:
        if text.find("import", stub.start, stub.end) < 0:
            continue  # most blocks import nothing: one literal search, not the pattern at every line
        matches = list(_IMPORT.finditer(text, stub.start, stub.end))
        if matches and (text.find('"""', stub.start, stub.end) >= 0 or text.find("'''", stub.start, stub.end) >= 0):
            inside = _in_strings(text, stub.start, stub.end, matches[-1].start())
            matches = [match for match in matches if not inside(match.start())]
        counted, at = stub.start, stub.first_line  # lines counted up to `counted` (each match after the last)
        for match in matches:
            snippet = match.group(0).strip()
            if snippet.endswith("\\") or ";" in snippet:
                return None
            at += text.count("\n", counted, match.start())
            counted = match.start()
            if at < line:
                return None
            pieces.append("\n" * (at - line) + snippet + "\n")
            line = at + 1 + snippet.count("\n")
    if not pieces:
        return []
    try:
        parsed = ast.parse("".join(pieces)).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return [node for node in parsed if isinstance(node, (ast.Import, ast.ImportFrom))]
