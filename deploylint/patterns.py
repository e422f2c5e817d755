"""Regular expressions compiled on first use.

deploylint defines ~90 patterns at module level; compiling them all on import cost
about a tenth of a small scan, most of them for formats a repository does not have.
`lazy_re(pattern, flags)` returns a stand-in that compiles on its first attribute
access and then keeps the compiled pattern's methods as its own attributes, so later
calls cost what a compiled pattern's calls cost.
"""
from __future__ import annotations

import re

_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
              "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for forwarded in _FORWARDED:
            self.__dict__[forwarded] = getattr(compiled, forwarded)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self._source[0]!r})"


def lazy_re(pattern, flags: int = 0) -> re.Pattern:
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
