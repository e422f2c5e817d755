"""The one static evaluator for JavaScript/TypeScript values (never runs the file).

Every format that needs "what value does this expression have" uses it: PM2 ecosystem
files, Railway Infrastructure as Code (`.railway/railway.ts`), and through js_expr the
code scanner. It reads literals (objects, arrays, strings, templates, numbers), module
constants, `__dirname` paths, arithmetic and comparisons, `a ? b : c`, `&&`/`||`/`??`,
member access, and calls of small functions defined in the same file (arrow functions,
function declarations: `const`/`let`, `if`/`else`, `return`). Calls of imported
functions go to `builtins` supplied by the caller (Railway's `service()`...). Anything
else is `Unknown(text)`; a condition that cannot be decided gives an Unknown whose
`options` are the values of both branches.

Budgets: a nesting depth (MAX_DEPTH) and a step count (MAX_STEPS) per evaluator, so a
deeply nested or self-recursive file costs an Unknown, never a RecursionError or a hang.
"""
from __future__ import annotations

import math
import posixpath
from ..record import dataclass

from ..model import Location
from ..repo import normalise
from ..textutil import clip as short  # noqa: F401  (js_* modules import `short` from here)

MAX_DEPTH = 40  # see js_eval.Evaluator, which reads values with these types
MAX_STEPS = 20_000
MAX_OPTIONS = 16
MAX_STRING = 100_000  # characters of a string built by concatenation (a doubling template: 2**64)
MAX_ITEMS = 10_000  # items of an array built by spreads (`[...a, ...a]` doubled 60 times)
_TRANSPARENT = ("parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
                "type_assertion")


@dataclass(frozen=True)
class Unknown:
    """A value only known when the file runs (`process.env.X`, `os.cpus().length`).
    `options`: the possible values when it is one of several known ones (`x ? 2 : 1`
    with `x` unknown)."""

    text: str
    options: tuple = ()

    def __str__(self) -> str:
        return self.text


class Overflow(Unknown):
    """A string or array past MAX_STRING / MAX_ITEMS: never built, and whatever is built
    from it (a spread, a concatenation) is an Overflow too, not a shorter value."""


class Thrown(Unknown):
    """What a function that ran into `throw` "returns": it produced no value (the caller
    decides what that means; a Railway config that throws plans nothing there)."""


class DirPath(str):
    """A path built from `__dirname`: relative to the file's directory."""


class Obj(dict):
    """An object read from a file, remembering where each key and value is written."""

    def __init__(self, at: Location):
        super().__init__()
        self.at = at
        self.keys_at: dict = {}
        self.values_at: dict = {}
        self.texts: dict = {}  # key -> the value's source text
        self.partial = False  # a spread we could not read may have added keys

    def absorb(self, other) -> None:
        """`{...other}`, `Object.assign(this, other)`: other's keys, and where they are
        written, win; a value that is not a readable object may add any key."""
        if isinstance(other, Obj):
            self.update(other)
            self.keys_at.update(other.keys_at)
            self.values_at.update(other.values_at)
            self.texts.update(other.texts)
            self.partial = self.partial or other.partial
        elif other is not None:
            self.partial = True


class Arr(list):
    def __init__(self, at: Location):
        super().__init__()
        self.at = at
        self.items_at: list[Location] = []
        self.partial = False  # a spread we could not read may have added items (its length is unknown)


@dataclass
class Function:
    """An arrow function or function declared in the file, with its enclosing scope."""

    node: object
    scope: "Scope"


@dataclass
class Builtin:
    """A function the caller models: called with (evaluator, values, nodes, call node)."""

    name: str
    call: object


class Scope:
    def __init__(self, parent: "Scope | None" = None):
        self.parent = parent
        self.names: dict[str, object] = {}

    def lookup(self, name: str):
        scope = self
        while scope is not None:
            if name in scope.names:
                return True, scope.names[name]
            scope = scope.parent
        return False, None


class _Budget(Exception):
    """The step budget ran out: the value is Unknown."""


def truth(value):
    """JavaScript truthiness: True, False, or None when unknown."""
    if isinstance(value, Unknown):
        if value.options:
            results = {truth(v) for v in value.options}
            return results.pop() if len(results) == 1 else None
        return None
    if isinstance(value, (Obj, Arr, Function, Builtin)):
        return True
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(value)


def number(text: str):
    """A JavaScript numeric literal (hex, octal, binary, separators, exponents)."""
    text = text.replace("_", "").removesuffix("n")
    try:
        return int(text, 0) if len(text) < 400 else float(text)
    except ValueError:
        try:
            return float(text)
        except (ValueError, OverflowError):
            return Unknown(text)


def concat(left: str, right: str):
    """`left + right`, or Unknown past MAX_STRING characters (never built)."""
    if len(left) + len(right) > MAX_STRING:
        return Overflow(f"a string of {len(left) + len(right):,} characters")
    if isinstance(left, DirPath):
        return DirPath(normalise(posixpath.join(str(left), right.lstrip("/"))))
    return left + right



def _options(*values) -> tuple:
    """The possible values, flattened and de-duplicated (order kept, capped)."""
    out: list = []
    for value in values:
        for item in (value.options if isinstance(value, Unknown) and value.options else (value,)):
            if not any(item is seen or (type(item) is type(seen) and item == seen) for seen in out):
                out.append(item)
    return tuple(out[:MAX_OPTIONS])


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _operate(operator: str, left, right, text: str):
    try:
        if operator in ("===", "!=="):
            same = type(left) is type(right) and left == right if not (_is_number(left) and _is_number(right)) else left == right
            return same if operator == "===" else not same
        if operator in ("==", "!="):
            same = left == right or (left is None and right is None)
            return same if operator == "==" else not same
        if operator == "+":
            if isinstance(left, str) or isinstance(right, str):
                if isinstance(left, (Obj, Arr)) or isinstance(right, (Obj, Arr)):
                    return Unknown(text)
                return concat(_js_text(left), _js_text(right))
            if _is_number(left) and _is_number(right):
                return left + right
        if _is_number(left) and _is_number(right):
            if operator == "-":
                return left - right
            if operator == "*":
                return left * right if abs(left) < 1e150 and abs(right) < 1e150 else float(left) * float(right)
            if operator == "/":
                return left / right if right else (math.nan if not left else math.copysign(math.inf, left))
            if operator == "**":  # JS numbers are doubles: `10 ** 100` is 1e100, `10 ** 400` Infinity
                try:
                    return float(left) ** float(right)
                except OverflowError:
                    return math.inf
                except ZeroDivisionError:
                    return math.inf
            if operator in ("<", ">", "<=", ">="):
                return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[operator]
        if isinstance(left, str) and isinstance(right, str) and operator in ("<", ">", "<=", ">="):
            return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[operator]
    except (OverflowError, ValueError, TypeError):
        pass
    return Unknown(text)


def _js_number_text(value) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
    return str(value)


def _js_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if _is_number(value):
        return _js_number_text(value)
    return str(value)


_PY_ESCAPES = frozenset("bfnrtvxu01234567")  # JavaScript escapes the unicode_escape codec reads alike
# (`\a`, `\U`, `\T`: the character itself in JavaScript; the codec would ring a bell or warn)


def _unescape(escape: str) -> str:
    if len(escape) == 2 and escape[1] in "'\"`\\/\n":
        return escape[1] if escape[1] != "\n" else ""
    if escape.startswith("\\u{"):
        try:
            char = chr(int(escape[3:-1], 16))
        except (ValueError, OverflowError):
            return escape
    elif escape[1:2] not in _PY_ESCAPES:  # `\T`: JavaScript keeps the character (Python's codec warns)
        return escape[1:]
    else:
        try:
            char = escape.encode("ascii").decode("unicode_escape")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return escape[1:]
    return "\ufffd" if "\ud800" <= char[:1] <= "\udfff" else char  # `'\ud800'`: no lone surrogate reaches a writer


def count_of(value, limit: int = 10_000) -> int | None:
    """A whole, finite, non-negative count from a value (the largest option of an
    undecided one), or None. Huge numbers are capped at `limit`."""
    if isinstance(value, Unknown):
        counts = [c for c in (count_of(v, limit) for v in value.options) if c is not None]
        return max(counts) if counts else None
    if not _is_number(value):
        return None
    if isinstance(value, float):
        if math.isnan(value) or value < 0:
            return None
        if math.isinf(value):
            return limit
        if not value.is_integer():
            return None
        value = int(value)
    return min(value, limit) if value >= 0 else None
