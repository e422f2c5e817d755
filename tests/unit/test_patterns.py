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


def test_needs_answers_no_match_without_compiling(monkeypatch):
    from deploylint import patterns

    monkeypatch.setattr(patterns, "_CHECK", False)  # what a user's run does
    lazy = lazy_re(r"\bdokku\s+ps:scale\s+(\S+)", needs=("dokku",))
    assert lazy.search("git push heroku main") is None
    assert list(lazy.finditer("nothing here")) == [] and lazy.findall("nothing") == []
    assert "_re" not in vars(lazy)  # never compiled
    assert lazy.search("run dokku ps:scale web=2").group(1) == "web=2"
    assert "_re" in vars(lazy)


def test_needs_of_a_case_insensitive_pattern():
    lazy = lazy_re(r"(?i)webhook_?url$", needs=("webhook",))
    assert lazy.search("TELEGRAM_WEBHOOK_URL") and lazy.search("webhookUrl")
    assert lazy.search("BOT_TOKEN") is None
    # Unicode folding: the long s matches `s` in a case-insensitive pattern, so non-ASCII
    # text always goes to the pattern itself
    folded = lazy_re(r"(?i)compose\.ya?ml", needs=("compose",))
    assert folded.search("compo\u017fe.yml")


def test_a_wrong_needs_is_caught_when_checking(monkeypatch):
    import pytest

    from deploylint import patterns

    monkeypatch.setattr(patterns, "_CHECK", True)
    wrong = lazy_re(r"\b(tsc|webpack)\b", needs=("tsc",))
    assert wrong.search("run tsc") is not None
    with pytest.raises(AssertionError, match="refused"):
        wrong.search("npx webpack")


def test_every_needs_is_checked_by_the_suite():
    import os

    assert os.environ.get("DEPLOYLINT_CHECK_NEEDS") == "1"  # set by conftest for the CLI runs too


def test_sub_with_needs(monkeypatch):
    from deploylint import patterns

    monkeypatch.setattr(patterns, "_CHECK", False)
    lazy = lazy_re(r"\$(\w+)", needs=("$",))
    assert lazy.sub("X", "no variables") == "no variables" and "_re" not in vars(lazy)
    assert lazy.sub(lambda m: m.group(1).lower(), "a $HOME b") == "a home b"
