"""Lazily compiled patterns behave like compiled ones."""
from __future__ import annotations

import re

from deploylint.patterns import lazy_re


def test_lazy_pattern_matches_like_a_compiled_one():
    lazy = lazy_re(r"(?P<word>[a-z]+)(\d*)", re.IGNORECASE)
    compiled = re.compile(r"(?P<word>[a-z]+)(\d*)", re.IGNORECASE)
    text = "Abc12 de 3 fgh"
    assert lazy.search(text).group("word") == compiled.search(text).group("word")
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("x", text) == compiled.sub("x", text)
    assert lazy.fullmatch("abc") and not lazy.match("  ")
    assert (lazy.pattern, lazy.flags, lazy.groups, dict(lazy.groupindex)) == \
        (compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex))


def test_compiled_once_and_then_plain_attributes():
    lazy = lazy_re(rb":[a-z]{3}")
    assert "search" not in vars(lazy)
    assert lazy.search(b"x:abc")
    assert vars(lazy)["search"].__self__ is vars(lazy)["match"].__self__  # one compiled pattern
