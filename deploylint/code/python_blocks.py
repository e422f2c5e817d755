"""The stubbed blocks of a Module (python_lazy): which function bodies to parse when a
name is about to be asked for (those where it stands as a word, those that may assign it),
and parsing one from its own lines. A mixin of python_module.Module."""
from __future__ import annotations

import ast

from ..patterns import lazy_re
from . import python_lazy as lazy
from .python_walk import walk

ASCII_WORD = lazy_re(r"[A-Za-z0-9_]+")


class StubbedBlocks:
    def parse_mentioning(self, word: str) -> None:
        """Parse the stubbed blocks where `word` is a whole word (a name about to be asked for)."""
        self.parse_matching(("word", word), lambda text, start, end: _whole_word(text, word, start, end) is not None,
                            self._stubs_with(word))

    def parse_assigning(self, word: str) -> None:
        """Parse the stubbed blocks that may assign `word`: a superset of `word =`, `word: T`,
        `x, word =`, `word, x =`, `(word, x) =`, `word :=`, `with ... as word:`, `.word =` (a
        keyword argument, a dict key or `f(word, k=v)` matches too, which only parses a block
        more). What values() indexes."""
        self.parse_matching(("assign", word), lambda text, start, end: _may_assign(text, word, start, end),
                            self._stubs_with(word))

    def parse_matching(self, key: tuple, holds, stubs: list | None = None) -> None:
        """Parse the stubbed blocks where `holds(text, start, end)` (asked once per key), of
        `stubs` when given (those whose text holds the word asked about)."""
        if not self._stubs or key in self._asked:
            return
        self._asked.add(key)
        text = self.text
        for stub in self._stubs if stubs is None else stubs:
            if lazy.pending(stub.node) is not None and holds(text, stub.start, stub.end):
                _ = stub.node.body

    def materialize(self, node: ast.AST, stub) -> None:
        """Called by a stubbed function the first time its block is read: parse the block
        from the original lines (or take it from a parse of the whole module)."""
        from ..safe import LimitExceeded, parse_python

        body = end = None
        try:
            source, shift = lazy.block_source(self.text, stub)
            tree = parse_python(source, self.path)
            if shift:
                ast.increment_lineno(tree, shift)
            function = tree.body[0].body[0] if stub.indent else tree.body[0]
            if type(function) is type(node).__mro__[1] and function.name == stub.name and \
                    function.lineno == stub.line and function.end_lineno == stub.last_line:
                body, end = function.body, (function.end_lineno, function.end_col_offset)
        except (SyntaxError, ValueError, LimitExceeded, IndexError, AttributeError):
            pass
        if body is None:
            body, end = self._from_whole(stub)
        node.__dict__["body"] = body
        node.end_lineno, node.end_col_offset = end
        self.version += 1
        for index in self._indexes:
            index.grow(node)
        if stub.qual:  # known once the module's definitions are collected (then they are collected here)
            self._collect(body, stub.qual, [])

    def _from_whole(self, stub) -> tuple[list[ast.stmt], tuple[int, int]]:
        """The block as a parse of the whole module has it (reported there if broken)."""
        if self._full is None:
            module = self._whole() if self._whole is not None else None
            self._full = module.tree if module is not None else ast.Module(body=[], type_ignores=[])
        for node in walk(self._full):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == stub.line \
                    and node.col_offset == stub.indent:
                return node.body, (node.end_lineno, node.end_col_offset)
        return [], (stub.line, 0)

    def _stubs_with(self, word: str) -> list:
        """The stubs whose text holds `word` as an ASCII word (no [A-Za-z0-9_] either side):
        a superset of those where it stands whole (_whole_word). Indexed once, so asking
        about each of thousands of names is not a pass over every block each time."""
        if len(self._stubs) < 64 or not ASCII_WORD.fullmatch(word):
            return self._stubs
        if self._words is None:
            self._words = {}
            text = self.text
            for stub in self._stubs:
                for found in set(ASCII_WORD.findall(text, stub.start, stub.end)):
                    self._words.setdefault(found, []).append(stub)
        return self._words.get(word, [])

    def mentions_word(self, word: str) -> bool:
        """`word` occurs in the source as an ASCII word (what an assignment to it needs), or
        any way for a word that is not ASCII; a set of the words of a large text, built once."""
        if len(self.text) < 100_000 or not ASCII_WORD.fullmatch(word):
            return self.mentions(word)
        if self._tokens is None:
            self._tokens = set(ASCII_WORD.findall(self.text))
        return word in self._tokens


def _whole_word(text: str, word: str, start: int, end: int, at: int | None = None) -> int | None:
    """The first offset from `at` (or `start`) where `word` stands whole in text[start:end]:
    no word character right before or after it (`\\w`). A literal search, no pattern per word."""
    at = text.find(word, start if at is None else at, end)
    size = len(word)
    while at >= 0:
        before = text[at - 1] if at > start else ""
        after = text[at + size] if at + size < end else ""
        if not (before and (before.isalnum() or before == "_")) and not (after and (after.isalnum() or after == "_")):
            return at
        at = text.find(word, at + 1, end)
    return None


_ASSIGNED_AFTER = lazy_re(r"\s*(?::|=(?!=)|[,)\]][^\n=]*=(?!=))")  # after the word: `=`, `:`, `, x =`...
# `with (a as x, b as word,):` (on the line or the one before); a colon after the `as` ends
# the target (`except E as e:` on the line before `logger.error(e)` assigns no `logger`)
_AS_BEFORE = lazy_re(r"(?<!\w)as\s[^:]*\Z")


def _may_assign(text: str, word: str, start: int, end: int) -> bool:
    """text[start:end] may assign `word` (the superset parse_assigning describes)."""
    at = _whole_word(text, word, start, end)
    while at is not None:
        if _ASSIGNED_AFTER.match(text, at + len(word), end):
            return True
        line = text.rfind("\n", start, at) + 1 or start
        previous = text.rfind("\n", start, line - 1) + 1 or start if line > start else start
        if _AS_BEFORE.search(text, previous, at):
            return True
        at = _whole_word(text, word, start, end, at + 1)
    return False
