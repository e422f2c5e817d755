"""Strict JSON with the location of every key, without a heavy parser.

`json` validates (its errors carry line and column for DPL001); a small tokenizer
then records where each key path starts, so findings can point at `numReplicas`.
"""
from __future__ import annotations

import json
import re
from .record import dataclass, field

from .model import Location
from .repo import Repo
from .safe import MAX_DEPTH, TooDeep, bracket_depth, clean_tree, deep_line, skipped
from .patterns import lazy_re

_TOKEN = lazy_re(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass
class JsonDoc:
    path: str
    data: object
    keys: dict[tuple, Location] = field(default_factory=dict)

    def where(self, *key_path) -> Location:
        """Location of the key at `key_path` (ints index arrays), or its nearest parent."""
        key_path = tuple(key_path)
        while key_path:
            if key_path in self.keys:
                return self.keys[key_path]
            key_path = key_path[:-1]
        return Location(self.path, 1, 1)


def load(repo: Repo, path: str, hint: str = "fix the JSON syntax (JSON allows no comments or trailing commas)") -> JsonDoc | None:
    return repo.memo(("json", path), lambda: _load(repo, path, hint))


def _load(repo: Repo, path: str, hint: str) -> JsonDoc | None:
    text = repo.read_text(path)
    if text is None:
        return None
    if bracket_depth(text) > MAX_DEPTH:  # before json's recursion, not by its limit
        skipped(repo, path, path, TooDeep(MAX_DEPTH, deep_line(text)))
        return None
    try:
        data = json.loads(text, parse_int=_int, parse_constant=lambda name: None)
    except json.JSONDecodeError as error:
        comma = _trailing_comma(text, error.pos)
        if comma is not None:  # json notices it only at the next `}`/`]`: point at the comma
            line = text.count("\n", 0, comma) + 1
            column = comma - (text.rfind("\n", 0, comma) + 1) + 1
            repo.problem("DPL001", Location(path, line, column), "invalid JSON: trailing comma", hint)
        else:
            repo.problem("DPL001", Location(path, error.lineno, error.colno), f"invalid JSON: {error.msg}", hint)
        return None
    except (RecursionError, MemoryError) as error:
        skipped(repo, path, path, error)
        return None
    if "\\u" in text:  # `\ud800` escapes decode to lone surrogates: replaced here, once
        data = clean_tree(data)
    return JsonDoc(path, data, _key_locations(path, text))


def _int(digits: str):
    """JSON integers; past Python's int/str limit (4300 digits) no count anyway: inf,
    which every guarded conversion (safe.to_int) refuses."""
    return int(digits) if len(digits) <= 4000 else float("inf")


def _trailing_comma(text: str, pos: int) -> int | None:
    before = text[:pos].rstrip()
    return len(before) - 1 if before.endswith(",") and text[pos:pos + 1] in ("}", "]") else None


def _key_locations(path: str, text: str) -> dict[tuple, Location]:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    import bisect

    def location(offset: int) -> Location:
        line = bisect.bisect_right(line_starts, offset)
        return Location(path, line, offset - line_starts[line - 1] + 1)

    keys: dict[tuple, Location] = {}
    stack: list[list] = []  # [kind, current key or index]
    tokens = list(_TOKEN.finditer(text))
    for i, match in enumerate(tokens):
        token = match.group()
        if token in "{[" and len(token) == 1:
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
                keys.setdefault(tuple(s[1] for s in stack), location(match.start()))
            stack.append([token, None if token == "{" else -1])
        elif token in "}]" and len(token) == 1:
            if stack:
                stack.pop()
        elif token.startswith('"') and i + 1 < len(tokens) and tokens[i + 1].group() == ":" and stack and stack[-1][0] == "{":
            stack[-1][1] = json.loads(token)
            keys[tuple(s[1] for s in stack)] = location(match.start())
        elif token not in ",:" and stack and stack[-1][0] == "[":
            stack[-1][1] += 1
            keys.setdefault(tuple(s[1] for s in stack), location(match.start()))
    return keys
