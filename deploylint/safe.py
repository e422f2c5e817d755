"""Hostile-input guards every stage shares: bounded reads of regular files, typed
accessors, guarded numbers, clean strings, a nesting budget and the isolation boundary.

A repository is untrusted input. Whatever it holds, a scan ends in a report: a file
deploylint cannot analyse costs a DPL006 (analysis-limit) or DPL001 finding on that
file, never the scan. The limits (also in README "Limits"):

- MAX_DEPTH: nesting of JSON/TOML/YAML values and brackets, of a start command, of a
  Dockerfile's stages (`FROM a AS b`, `COPY --from`) and of a JavaScript expression;
- MAX_CODE_DEPTH: nesting of a Python syntax tree (`a + b + ...`, `-(-(-x))`, blocks);
- commands.MAX_DEPTH: commands that start commands (wrappers, scripts, npm scripts);
- shell.MAX_NESTING: nested shell blocks, subshells and substitutions in scripts;
- MAX_DIGITS: digits of a number taken from a config (counts of copies are small);
- MAX_COMMAND: characters of one start command;
- per kind of file a size cap (repo.MAX_BYTES, MAX_IGNORE_BYTES, MAX_CONFIG_BYTES).
"""
from __future__ import annotations

import math
import os
import stat
from functools import lru_cache
from .patterns import lazy_re

MAX_DEPTH = 100
MAX_CODE_DEPTH = 200  # Python syntax trees: real code stays under ~60 (a long `+` chain is deep)
MAX_DIGITS = 18
MAX_COMMAND = 32_000
MAX_IGNORE_BYTES = 1_000_000  # a .gitignore
MAX_CONFIG_BYTES = 1_000_000  # .deploylint.toml / pyproject.toml


class NotRegular(OSError):
    """The path is not a regular file (a FIFO, device, socket, directory) or a symlink
    that leaves the allowed directory."""


class TooLarge(OSError):
    def __init__(self, size: int, limit: int):
        super().__init__(f"file is too large ({size:,} bytes; limit {limit:,})")
        self.size, self.limit = size, limit


class LimitExceeded(Exception):
    """An input past one of the explicit limits above; becomes DPL006."""


class TooDeep(LimitExceeded):
    """Nested past an explicit depth budget (never Python's recursion limit)."""

    def __init__(self, limit: int = MAX_DEPTH, line: int = 1, by_parser: bool = False, what: str = ""):
        super().__init__(f"{what + ' ' if what else ''}nested more than {limit} levels deep")
        self.limit, self.line, self.by_parser = limit, line, by_parser


# -- files ----------------------------------------------------------------------------
def read_bytes(path: str | os.PathLike, limit: int, inside: str | os.PathLike | None = None) -> bytes:
    """The bytes of a regular file, at most `limit` of them (TooLarge past it).

    Never blocks on a FIFO and never reads a device: the file is opened with O_NONBLOCK
    and checked with fstat on the opened descriptor (no race between check and open).
    With `inside`, a path that resolves (through symlinks) outside that directory is
    refused."""
    if inside is not None and not is_inside(path, inside):
        raise NotRegular(f"{os.path.basename(os.fspath(path))} links outside {os.fspath(inside)}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular("not a regular file")
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        # one read for a file that is as large as fstat said (no second read to see EOF)
        first = os.read(fd, min(info.st_size + 1, limit + 1))
        if len(first) <= info.st_size:
            return first
        chunks, total = [first], len(first)
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # grew while we read it
            raise TooLarge(total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_inside(path: str | os.PathLike, directory: str | os.PathLike) -> bool:
    """`path`, with every symlink resolved, is `directory` or below it. Asked once per
    file read (thousands in a big tree): plain strings, the directory resolved once."""
    try:
        real, base = os.path.realpath(path), _real_directory(os.fspath(directory))
    except (OSError, ValueError, TypeError):
        return False
    return real == base or real.startswith(base if base.endswith(os.sep) else base + os.sep)


@lru_cache(maxsize=32)
def _real_directory(directory: str) -> str:
    return os.path.realpath(directory)


# -- strings --------------------------------------------------------------------------
_SURROGATE = lazy_re("[\ud800-\udfff]")


def clean(text: str) -> str:
    """`text` with lone surrogates (JSON `\\ud800`, undecodable file-name bytes) made
    printable: a file-name byte as `\\xff`, any other surrogate as U+FFFD."""
    if text.isascii() or not _SURROGATE.search(text):  # (ASCII: no pattern compiled)
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if 0xDC80 <= ord(m.group()) <= 0xDCFF
                          else "\ufffd", text)


def clean_tree(value):
    """A parsed JSON/TOML/YAML value with every string `clean`ed, walked iteratively."""
    if isinstance(value, str):
        return clean(value)
    if not isinstance(value, (dict, list)):
        return value
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                item = node[key]
                if isinstance(item, str):
                    node[key] = clean(item)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
                if isinstance(key, str) and _SURROGATE.search(key):
                    node[clean(key)] = node.pop(key)
        else:
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = clean(item)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
    return value


_CONTROL = lazy_re("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NEWLINE = lazy_re("[\r\n]")


def printable(text: str, newlines: bool = False) -> str:
    """`text` safe for a terminal or a CI log: control characters (ANSI escapes, CR,
    C0/C1, bidi overrides) written as escapes; LF and CR too unless `newlines`."""
    if text.isascii() and text.isprintable():  # nothing to escape (no pattern compiled)
        return text
    text = clean(text)
    text = _CONTROL.sub(_escape, text)
    return text if newlines else _NEWLINE.sub(_escape, text)


def _escape(match) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


# -- typed accessors ------------------------------------------------------------------
def mapping(value) -> dict:
    """`value` if it is a mapping, else {} (a config that puts a list where a table goes)."""
    return value if isinstance(value, dict) else {}


def sequence(value) -> list:
    """`value` if it is a list, else []."""
    return value if isinstance(value, list) else []


def string(value, default: str = "") -> str:
    return value if isinstance(value, str) else default


def items(value) -> list[tuple]:
    """Key/value pairs of a mapping, [] for anything else."""
    return list(value.items()) if isinstance(value, dict) else []


# -- numbers --------------------------------------------------------------------------
def to_int(value, default: int | None = None, digits: int = MAX_DIGITS) -> int | None:
    """An int from a config value (int, integral float, or ASCII-digit string), or
    `default`: never raises. Refuses bools, inf/nan, more than `digits` digits (Python's
    int/str limit), and Unicode digits such as '²' or '٣' that str.isdigit() accepts."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value if abs(value) < 10 ** digits else default
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value) or abs(value) >= 10 ** digits:
            return default
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "") if value.isascii() else ""
        body = text[1:] if text[:1] in ("+", "-") else text
        if not body.isdigit() or len(body) > digits:  # ASCII here, so isdigit means [0-9]+
            return default
        return int(text)
    return default


def is_int_text(text) -> bool:
    """True for a string `to_int` converts (a safe `str.isdigit`)."""
    return isinstance(text, str) and to_int(text) is not None and text.strip().lstrip("+-").isascii()


def to_float(value, default: float | None = None) -> float | None:
    """A finite float or `default`."""
    if isinstance(value, bool):
        return default
    try:
        number = float(value) if isinstance(value, (int, float)) or (isinstance(value, str) and value.isascii()
                                                                       and len(value) < 64) else None
    except (ValueError, OverflowError):
        return default
    return number if number is not None and math.isfinite(number) else default


# -- nesting ---------------------------------------------------------------------------
_BRACKETS = lazy_re(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[\[\]{}()]')


def bracket_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The deepest bracket nesting in `text` (quoted strings skipped), stopping early
    once past `limit`. Linear; used before handing text to a recursive parser."""
    if text.count("[") + text.count("{") + text.count("(") <= limit:
        return 0  # cannot be nested deeper than the number of openers
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{(":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif token in "]})":
            depth = max(depth - 1, 0)
    return deepest


def yaml_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """An upper bound on the block nesting of a YAML text (indentation levels plus compact
    `- - x` / `? ` markers on one line, plus flow brackets), in one linear pass, stopping
    past `limit`: a document nested deeper is refused before ruamel recurses into it."""
    return _yaml_scan(text, limit)[0]


def deep_line(text: str, limit: int = MAX_DEPTH) -> int:
    """The line where `text` (YAML, TOML, JSON) first nests past `limit`, else 1."""
    depth, line = _yaml_scan(text, limit)
    return line if depth > limit else 1


def _yaml_scan(text: str, limit: int) -> tuple[int, int]:
    deepest = bracket_depth(text, limit)
    if deepest > limit:
        for number, line in enumerate(text.split("\n"), start=1):
            if bracket_depth(line, limit) > limit:
                return deepest, number
        return deepest, 1
    indents: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        markers = _markers(stripped) if stripped[0] in "-?" else 0  # `- - x`
        depth = len(indents) + markers
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest, number
    return deepest, 1


_YAML_MARKERS = lazy_re(r"(?:[-?] +)*")


def _markers(line: str) -> int:
    """`len(_YAML_MARKERS.match(line).group().split())`: the `- `/`? ` markers a line starts with."""
    count, index, end = 0, 0, len(line)
    while index < end and line[index] in "-?":
        after = index + 1
        while after < end and line[after] == " ":
            after += 1
        if after == index + 1:
            break
        count, index = count + 1, after
    return count


def ast_depth(tree, limit: int = MAX_CODE_DEPTH) -> int:
    """Depth of a Python syntax tree as far as it matters for `limit` (exact when past it;
    short one-line statements are not descended into), iteratively."""
    deepest, _ = _ast_deepest(tree, limit)
    return deepest


def _ast_deepest(tree, limit: int):
    """(depth, the line where it goes past `limit`, or None). A node on one line cannot hide more levels
    than about three per character of its source, so short one-line statements (most of
    a file) are not descended into: a 320k-statement file costs one pass over statements.
    Depth first, children in `ast.iter_child_nodes` order; a leaf without fields (a
    load/store context, an operator) is counted where it is met while it cannot pass
    the limit, without a trip through the stack."""
    import ast

    node_type = ast.AST
    deepest, stack = 0, [(tree, 1, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth, line = pop()
        line = getattr(node, "lineno", line)  # `Load` and `arguments` have no position: the parent's line
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest, line
        span = (limit - depth - 9) // 3  # a child on one line shorter than this cannot go past the limit
        below = depth + 1
        for name in node._fields:
            value = getattr(node, name, None)
            for child in (value,) if isinstance(value, node_type) else value if type(value) is list else ():
                if not isinstance(child, node_type):
                    continue
                if not child._fields and not child._attributes and below <= limit:
                    if below > deepest:
                        deepest = below
                    continue
                end = getattr(child, "end_col_offset", None)
                if end is None or child.lineno != child.end_lineno or end - child.col_offset > span:
                    push((child, below, line))
    return deepest, None


def parse_python(text: str, filename: str = "<unknown>"):
    """`ast.parse(text)`, a tree every walker may recurse into: TooDeep when it is nested
    past MAX_CODE_DEPTH, or when CPython's own parser gives up on the nesting (it raises
    RecursionError/MemoryError on `1+1+...` chains of ~50k terms and refuses 200 nested
    brackets; `by_parser` then: Python itself cannot load the file). SyntaxError and
    ValueError (NUL bytes) pass through."""
    import ast

    try:
        tree = ast.parse(text, filename=filename)
    except (RecursionError, MemoryError):
        raise TooDeep(MAX_CODE_DEPTH, _longest_line(text), by_parser=True) from None
    except SyntaxError as error:
        if "too many nested" in str(error.msg) or "too complex" in str(error.msg):
            raise TooDeep(MAX_CODE_DEPTH, error.lineno or 1, by_parser=True) from None
        raise
    _, line = _ast_deepest(tree, MAX_CODE_DEPTH)
    if line is not None:
        raise TooDeep(MAX_CODE_DEPTH, line or 1)
    return tree


def _longest_line(text: str) -> int:
    """The line most likely to hold a nesting the parser gave up on (linear)."""
    best = length = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > length:
            best, length = number, len(line)
    return best or 1


def report_too_deep(repo, path: str, error: "TooDeep", what: str = "") -> None:
    """DPL001 when Python's own parser refused the nesting (the program cannot load the
    file either), else DPL006: valid, but nested past deploylint's budget."""
    from .model import Location

    if error.by_parser:
        repo.problem("DPL001", Location(path, error.line, 1),
                     f"invalid Python{' in ' + what if what else ''}: nested too deeply for Python's parser "
                     f"(deploylint reads up to {error.limit} levels)", "flatten the expression or block")
    else:
        skipped(repo, path, path, error, error.line)


def value_depth(value, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of a parsed value, iteratively, stopping past `limit`."""
    deepest = 0
    stack = [(value, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)) or id(node) in seen:
            continue
        seen.add(id(node))
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)
    return deepest


# -- isolation --------------------------------------------------------------------------
def skipped(repo, path: str, what: str, error: BaseException | None = None, line: int = 1) -> None:
    """Record DPL006 on `path`: `what` could not be analysed (and why)."""
    from .model import Location
    from .secrets import redact

    reason = describe(error) if error is not None else ""
    line = getattr(error, "line", None) or line  # a TooDeep knows where the budget ran out
    message = f"{what} was not analysed{': ' + reason if reason else ''}"
    repo.problem("DPL006", Location(path, line or 1, 1), redact(clean(message)),
                 "simplify or split it if it is deployment config; otherwise exclude it with `extend-exclude`")


def describe(error: BaseException) -> str:
    """A short, user-facing reason for an analysis that stopped."""
    if isinstance(error, RecursionError):  # a last resort: every walk has its own budget
        return "too deeply nested to analyse"
    if isinstance(error, MemoryError):
        return "too large to analyse"
    if isinstance(error, LimitExceeded):
        return str(error)
    if isinstance(error, (TimeoutError,)):
        return "took too long"
    text = " ".join(str(error).split())[:160]
    return f"deploylint could not analyse it ({type(error).__name__}{': ' + text if text else ''})"


def isolated_targets(repo, module) -> list:
    """`module.targets(repo)` behind a per-file boundary: when the format fails, the
    file it read last is set aside with DPL006 and the format runs again without it,
    so one hostile file costs only its own analysis."""
    for _ in range(50):  # each round hides one more file; a format has few files
        try:
            return list(module.targets(repo))
        except Exception as error:  # noqa: BLE001 - the boundary
            path = repo.last_read
            claimed = [p for p in repo.files if p not in repo.hidden]
            if not path or path in repo.hidden or path not in claimed:
                skipped(repo, path or ".", f"{module.__name__.rsplit('.', 1)[-1]} config", error)
                return []
            repo.hidden.add(path)
            skipped(repo, path, path, error)
            _forget(repo, path)
    return []


def _forget(repo, path: str) -> None:
    """Drop memoised results that involve `path`, so the retry does not see them."""
    for key in [k for k in repo._memo if isinstance(k, tuple) and path in k]:
        del repo._memo[key]


def guarded(repo, path: str, what: str, compute, default=None, line: int = 1):
    """`compute()`, or `default` after recording DPL006 on `path` when it fails."""
    try:
        return compute()
    except Exception as error:  # noqa: BLE001 - the boundary
        skipped(repo, path, what, error, line)
        return default


def within_limits(repo, launch) -> bool:
    """False (after DPL006) for a start command past MAX_COMMAND characters or nested
    deeper than MAX_DEPTH: the shell analysis is never asked to recurse that far."""
    text = launch.command.text if launch.command is not None else ""
    if not isinstance(text, str):
        return False
    problem = ""
    if len(text) > MAX_COMMAND:
        problem = f"longer than {MAX_COMMAND:,} characters ({len(text):,})"
    elif command_depth(text) > MAX_DEPTH:
        problem = str(TooDeep(MAX_DEPTH))
    if problem:
        skipped(repo, launch.location.path, f"the command of {launch.label}", LimitExceeded(problem),
                launch.location.line)
        return False
    return True


_CHAIN = lazy_re(r"&&|\|\||[;|&]|\b(?:exec|env|nohup|npx|uv run|sudo|time|nice|timeout|sh -c|bash -c)\b")


def command_depth(text: str) -> int:
    """A cheap upper bound on how deeply the shell analysis would recurse into `text`:
    bracket/substitution nesting, or the length of a `&&`/wrapper chain."""
    if len(text) < MAX_DEPTH:
        return 0
    depth = bracket_depth(text.replace("$(", "("))
    backticks = text.count("`") // 2
    return max(depth, backticks, len(_CHAIN.findall(text)) // 2)
