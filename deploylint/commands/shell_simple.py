"""Part of the shell analysis (`shell.analyse_shell` asks here first): the most common
start command, one simple command of plain words (`gunicorn app:app -w 2`, `python -m
bot`, `node dist/index.js`).

A text made only of ASCII letters, digits and `_ . / : = @ % + , -`, separated by spaces
or tabs, has no quoting, expansion, globbing, redirection, operator or keyword: bash
splits it on blanks and runs the first word. For such a text this module builds exactly
the Call that the tree-sitter walk in `shell.py` would (same words, same locations, same
context), without loading the shell grammar. Anything else returns None and is walked
(`shell.walk_shell`). tests/unit/test_shell_plain_words.py checks both give the same.
"""
from __future__ import annotations


from ..model import Location
from ..record import replace
from ..patterns import WORD_CHARS

# a plain command: words of these characters (`=` after the first), separated by spaces and tabs
_FIRST = WORD_CHARS | frozenset("./:@%+,-")
_LATER = _FIRST | {"="}
# first words the shell walk treats specially, and the shell's reserved words
_SPECIAL = frozenset({".", ":", "cd", "shift", "exit", "set", "source", "trap", "if", "then", "elif", "else", "fi", "for",
                      "while", "until", "do", "done", "case", "esac", "in", "function", "select", "time", "coproc",
                      "declare", "typeset", "local", "export", "readonly", "unset", "eval", "alias"})


def _plain_words(text: str) -> list[tuple[str, int]] | None:
    """(word, offset) of each word of a plain simple command, else None (string tests: no
    pattern to compile for the commands most configs hold)."""
    words, offset = [], 0
    for piece in text.replace("\t", " ").split(" "):
        if piece:
            words.append((piece, offset))
        offset += len(piece) + 1
    if not words or not _FIRST.issuperset(words[0][0]) or not all(_LATER.issuperset(w) for w, _ in words[1:]):
        return None
    return words


def analyse_simple(text: str, location: Location, ctx):
    """The Analysis of `text` when it is one plain simple command, else None."""
    if len(text) > 4096:
        return None
    words = _plain_words(text)
    if words is None or words[0][0] in _SPECIAL:
        return None
    from . import Call, run_call

    base = max(location.column, 1)
    line = location.line
    locations = tuple(Location(location.path, line, base + start, line, base + start + len(word))
                      for word, start in words)
    first = locations[0]
    start = Location(location.path, line, first.column, line, locations[-1].end_column)
    call = Call(tuple(word for word, _ in words), start, ctx.background, {}, locations)
    how = (ctx.waits_how or "exits") if ctx.waits_for is not None else ""
    inner = replace(ctx, positional=None, waits_how=how)
    return run_call(call, inner)
