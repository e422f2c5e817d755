"""Regular expressions compiled on first use.

deploylint defines ~90 patterns at module level; compiling them all on import cost
about a tenth of a small scan, most of them for formats a repository does not have.
`lazy_re(pattern, flags)` returns a stand-in that compiles on its first attribute
access and then keeps the compiled pattern's methods as its own attributes, so later
calls cost what a compiled pattern's calls cost.

`needs=(...)` names substrings at least one of which every match contains (lowercase
for a case-insensitive pattern). `search`/`match`/`fullmatch`/`finditer`/`findall`/`sub` on a
string holding none of them answer "no match" without compiling (a case-insensitive
pattern is always asked about non-ASCII text, where Unicode folding makes `ſ` an `s`): most patterns look for
one kind of file or command that a repository does not have. The test suite sets
DEPLOYLINT_CHECK_NEEDS=1, which compiles the pattern anyway and fails loudly if it would
have matched, so a wrong `needs` cannot pass the scenarios unnoticed.
"""
from __future__ import annotations

import os
import re

_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
              "pattern", "flags", "groups", "groupindex")


_GUARDED = {"search": None, "match": None, "fullmatch": None, "finditer": iter(()), "findall": []}
_CHECK = os.environ.get("DEPLOYLINT_CHECK_NEEDS") == "1"


class LazyPattern:
    def __init__(self, pattern, flags: int = 0, needs: tuple = ()):
        self._source = (pattern, flags)
        if needs:  # the guards are made when first asked for (most patterns of a scan are never used)
            fold = bool(flags & re.IGNORECASE) or pattern[:4] in ("(?i)", b"(?i)")
            self._needs = (tuple(n.lower() for n in needs) if fold else tuple(needs), fold)

    def _guarded(self, method: str):
        needles, fold = self.__dict__["_needs"]
        if method == "sub":
            search = self.search

            def sub(repl, string, *args, **kwargs):
                return self._compiled().sub(repl, string, *args, **kwargs) if search(string) else string

            guard = sub
        else:
            guard = self._guard(method, needles, fold, _GUARDED[method])
        self.__dict__[method] = guard
        return guard

    def _guard(self, method: str, needles: tuple, fold: bool, empty):
        def guarded(string, *args, **kwargs):
            if fold and not string.isascii():  # Unicode case folding (`ſ` matches `s`): ask the pattern
                return getattr(self._compiled(), method)(string, *args, **kwargs)
            text = string.lower() if fold else string
            for needle in needles:
                if needle in text:
                    return getattr(self._compiled(), method)(string, *args, **kwargs)
            if _CHECK:
                found = getattr(self._compiled(), method)(string, *args, **kwargs)
                assert not found if method != "finditer" else next(found, None) is None, \
                    f"needs={needles!r} of {self._source[0]!r} refused {string!r}, which matches"
            return iter(()) if method == "finditer" else ([] if method == "findall" else empty)

        return guarded

    def _compiled(self) -> re.Pattern:
        compiled = self.__dict__.get("_re")
        if compiled is None:
            compiled = self.__dict__["_re"] = re.compile(*self._source)
        return compiled

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_source", "_re", "_needs"):
            raise AttributeError(name)
        needs = "_needs" in self.__dict__
        if needs and (name in _GUARDED or name == "sub"):
            return self._guarded(name)
        compiled = self._compiled()
        for forwarded in _FORWARDED:
            if not (needs and (forwarded in _GUARDED or forwarded == "sub")):
                self.__dict__.setdefault(forwarded, getattr(compiled, forwarded))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self._source[0]!r})"


def lazy_re(pattern, flags: int = 0, needs: tuple = ()) -> re.Pattern:
    return LazyPattern(pattern, flags, needs)  # type: ignore[return-value]


class NameTest:
    """A file-name test that is a list of names, prefixes and suffixes (compared without
    case), with `pattern` (a `lazy_re` saying the same, matched against the whole name) for
    the names the string tests cannot answer exactly: non-ASCII (Unicode case folding makes
    `ſ` an `s`) or holding a newline (where `$` and `.` differ). Most repositories' file names
    never compile the pattern (a dozen such patterns cost ~3 % of a small scan);
    tests/test_startup.py checks that both always agree."""

    __slots__ = ("pattern", "exact", "prefixes", "suffixes")

    def __init__(self, pattern, exact=(), prefixes=(), suffixes=()):
        self.pattern = pattern
        self.exact = frozenset(exact)
        self.prefixes = tuple(prefixes)
        self.suffixes = tuple(suffixes)

    def __call__(self, name: str) -> bool:
        if not plain_name(name):
            return self.pattern.match(name) is not None
        low = name.lower()
        return low in self.exact or low.startswith(self.prefixes) or low.endswith(self.suffixes)


WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def plain_name(name: str) -> bool:
    """Whether `name` can be matched with string tests exactly like a (case-insensitive)
    pattern over it: ASCII (no Unicode case folding, `\\w` is `[A-Za-z0-9_]`) and no newline
    (where `$` and `.` differ)."""
    return name.isascii() and "\n" not in name
