"""`args.mode` of an argparse parser, for the branches the command line decides:
`python bot.py --mode webhook` does not take `if args.mode == "polling": run_polling()`.

The parser is rebuilt from its `add_argument` calls when every one of them is made of
literals (option strings, `action`, `nargs`, `choices`, `const`, `dest`, `required`,
`type=int/str/float`; `help`/`metavar` are ignored) and the parser name is used for nothing
else, then `parse_known_args` reads the process's own argv (python_argv). A default that is
not a literal (`default=os.getenv("MODE")`) leaves its option undecided when the command line
does not give it. Anything else (sub-parsers, groups, a helper adding options, a parse
error) leaves the value undecided and the singleton kept, as before. Nothing of the
repository is executed: argparse only ever sees literals.
"""
from __future__ import annotations

import ast
import contextlib
import io

from .python_condition import UNKNOWN

MAX_OPTIONS = 64
MAX_NARGS = 64
_PARSER_KEYWORDS = frozenset({"prog", "usage", "description", "epilog", "add_help", "allow_abbrev", "formatter_class",
                              "conflict_handler"})
_ACTIONS = frozenset({"store", "store_true", "store_false", "store_const", "append", "append_const", "count",
                      "extend"})
_TYPES = {"int": int, "str": str, "float": float}
_DROPPED = frozenset({"help", "metavar"})
_UNSET = object()  # a default that is not a literal


def value(module, node: ast.AST, line: int, argv: tuple[str, ...]):
    """`args.mode` (`args = parser.parse_args()` in the function holding `line` or at module
    level) for `sys.argv == argv`; UNKNOWN when any part is not plain."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
        return UNKNOWN
    parsed = _parsed(module, node.value.id, line, argv)
    if parsed is None:
        return UNKNOWN
    found = parsed.get(node.attr, UNKNOWN)
    if found is _UNSET or isinstance(found, float):
        return UNKNOWN
    if isinstance(found, list):
        return tuple(found) if all(isinstance(v, (str, int)) for v in found) else UNKNOWN
    return found if found is None or isinstance(found, (str, bool, int)) else UNKNOWN


def memo(module, key: tuple, compute):
    """`compute()` once per module and key: what a module's syntax tree answers does not
    change during a scan (python_argv asks the same questions for every evidence)."""
    cache = module.__dict__.setdefault("_argv_answers", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _parsed(module, name: str, line: int, argv: tuple[str, ...]) -> dict | None:
    """What `name.parse_args()` in a function holding `line` (or the module) returns for
    `argv` (read only by the callers: shared between them)."""
    return memo(module, ("parsed", name, line, argv), lambda: _parse_at(module, name, line, argv))


def _parse_at(module, name: str, line: int, argv: tuple[str, ...]) -> dict | None:
    scopes = _scopes(module.tree, line)
    for body in scopes:  # innermost function first, the module last
        parsing = _parse_call(module, body, name)
        if parsing is None:
            continue
        call, built = parsing
        if any(isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name)
               and n.value.id == name for stmt in body for n in _walk(stmt)):
            return None  # `args.mode = ...` after parsing
        receiver = call.func.value  # type: ignore[attr-defined]
        if not isinstance(receiver, ast.Name):
            return None
        return _run(module, built, receiver.id, argv)
    return None


def _scopes(tree: ast.Module, line: int) -> list[list[ast.stmt]]:
    """The statements of each function holding `line` (with those of the `if`/`with`/`try`
    blocks on the way to it), innermost first, then the module's (`if __name__ == ...`)."""
    chain: list[list[ast.stmt]] = [list(tree.body)]
    body = tree.body
    for _ in range(100):
        inner = next((s for s in body if s.lineno <= line <= (getattr(s, "end_lineno", None) or s.lineno)), None)
        if inner is None:
            break
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = inner.body
            chain.append(list(body))
        elif isinstance(inner, ast.ClassDef):
            body = inner.body
        else:
            blocks = [getattr(inner, f, None) or [] for f in ("body", "orelse", "finalbody")]
            blocks += [h.body for h in getattr(inner, "handlers", None) or ()]
            body = next((b for b in blocks if b and b[0].lineno <= line <= (b[-1].end_lineno or b[-1].lineno)), [])
            if not body:
                break
            chain[-1] = [s for s in chain[-1] if s is not inner] + list(body)  # the block stands for its statement
    return chain[::-1]


def parameter(module, line: int, name: str) -> tuple[str, int] | None:
    """(function name, position) when `name` is a positional parameter of the module-level
    function (not a method) holding `line`: `def cli(args): if args.mode == ...`."""
    body, function = module.tree.body, None
    for _ in range(100):
        inner = next((s for s in body if s.lineno <= line <= (getattr(s, "end_lineno", None) or s.lineno)), None)
        if inner is None or isinstance(inner, ast.ClassDef):
            return None
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if function is not None:
                return None  # a nested function: its caller is not in the trace as a plain call
            function = inner
            body = inner.body
            continue
        blocks = [getattr(inner, f, None) or [] for f in ("body", "orelse", "finalbody")]
        blocks += [h.body for h in getattr(inner, "handlers", None) or ()]
        body = next((b for b in blocks if b and b[0].lineno <= line <= (b[-1].end_lineno or b[-1].lineno)), [])
        if not body:
            break
    if function is None:
        return None
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return (function.name, names.index(name)) if name in names else None


def argument(module, line: int, function: str, index: int) -> ast.expr | None:
    """The `index`-th positional argument of the call of `function` on `line`."""
    body = module.tree.body
    for _ in range(100):
        inner = next((s for s in body if s.lineno <= line <= (getattr(s, "end_lineno", None) or s.lineno)), None)
        if inner is None:
            return None
        nested = [b for f in ("body", "orelse", "finalbody") for b in getattr(inner, f, None) or []
                  if isinstance(b, ast.stmt)] + [s for h in getattr(inner, "handlers", None) or () for s in h.body]
        holder = next((s for s in nested if s.lineno <= line <= (getattr(s, "end_lineno", None) or s.lineno)), None)
        if holder is None:
            calls = [n for n in _walk(inner) if isinstance(n, ast.Call) and n.lineno == line and
                     (getattr(n.func, "id", None) == function or getattr(n.func, "attr", None) == function)]
            if len(calls) != 1 or any(isinstance(a, ast.Starred) for a in calls[0].args):
                return None
            return calls[0].args[index] if index < len(calls[0].args) else None
        body = nested
    return None


def _parse_call(module, body: list[ast.stmt], name: str) -> tuple[ast.Call, list[ast.stmt]] | None:
    """`name = <parser>.parse_args()` among the block's own statements, bound once (also
    `name = parse_args()`, a function of the module ending in `return <parser>.parse_args()`),
    with the statements that build the parser."""
    found = []
    for stmt in body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
            found.append(stmt.value)
    if len(found) != 1:
        return None
    call = found[0]
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and not call.args and not call.keywords:
        helper = module.defs.get(call.func.id)
        last = helper.body[-1] if isinstance(helper, (ast.FunctionDef, ast.AsyncFunctionDef)) and helper.body else None
        if isinstance(last, ast.Return) and _parsing(last.value):
            return last.value, helper.body  # type: ignore[return-value]
        return None
    return (call, body) if _parsing(call) else None


def _parsing(call) -> bool:
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "parse_args" \
        and not call.args and not call.keywords


def _run(module, body: list[ast.stmt], parser: str, argv: tuple[str, ...]) -> dict | None:
    from . import python_subparsers

    body, parser = _builder(module, body, parser)
    if python_subparsers.uses_subparsers(body, parser):  # `sub = parser.add_subparsers(dest="command")`
        built = python_subparsers.build(module, body, parser, add)
        return python_subparsers.parse(built, argv) if built is not None else None
    made = [s.value for s in body if isinstance(s, ast.Assign) and
            any(isinstance(t, ast.Name) and t.id == parser for t in s.targets)]
    if len(made) != 1 or not isinstance(made[0], ast.Call) or \
            module.qualified(made[0].func) != "argparse.ArgumentParser":
        return None
    options = []
    for stmt in body:
        for node in _walk(stmt):
            if isinstance(node, ast.Name) and node.id == parser and node is not _target(stmt, parser):
                options.append(node)
    adds = _adds(body, parser)
    # every use of the parser is `parser = ArgumentParser(...)`, `parser.add_argument(...)` or `.parse_args()`
    if adds is None or len(options) != len(adds) + 1 or len(adds) > MAX_OPTIONS:
        return None
    return _parse(made[0], adds, argv)


def _builder(module, body: list[ast.stmt], parser: str) -> tuple[list[ast.stmt], str]:
    """`parser = build_parser()`, a module function ending in `return <name>`: its statements
    and that name build the parser; otherwise the block itself."""
    made = [s.value for s in body if isinstance(s, ast.Assign) and
            any(isinstance(t, ast.Name) and t.id == parser for t in s.targets)]
    if len(made) == 1 and isinstance(made[0], ast.Call) and isinstance(made[0].func, ast.Name) and \
            not made[0].args and not made[0].keywords:
        helper = module.defs.get(made[0].func.id)
        last = helper.body[-1] if isinstance(helper, ast.FunctionDef) and helper.body else None
        if isinstance(last, ast.Return) and isinstance(last.value, ast.Name):
            return helper.body, last.value.id
    return body, parser


def _walk(node: ast.AST):
    try:
        yield from ast.walk(node)
    except RecursionError:
        return


def _target(stmt: ast.stmt, name: str):
    if isinstance(stmt, ast.Assign):
        return next((t for t in stmt.targets if isinstance(t, ast.Name) and t.id == name), None)
    return None


def _adds(body: list[ast.stmt], parser: str) -> list[ast.Call] | None:
    adds = []
    for stmt in body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and \
                isinstance(call.func.value, ast.Name) and call.func.value.id == parser:
            if call.func.attr != "add_argument":
                return None
            adds.append(call)
    return adds


def _literal(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except Exception:  # noqa: BLE001 - anything not a plain literal
        return _UNSET


def add(parser, call: ast.Call) -> bool:
    """Add one `parser.add_argument(...)` made of literals to `parser`; False when it is not plain."""
    names = [_literal(a) for a in call.args]
    if not names or not all(isinstance(n, str) and n for n in names):
        return False
    kwargs: dict = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            return False
        if keyword.arg in _DROPPED:
            continue
        if keyword.arg == "type":
            if not isinstance(keyword.value, ast.Name) or keyword.value.id not in _TYPES:
                return False
            kwargs["type"] = _TYPES[keyword.value.id]
            continue
        literal = _literal(keyword.value)
        if keyword.arg == "default":
            kwargs["default"] = literal
            continue
        if literal is _UNSET or keyword.arg not in ("action", "nargs", "choices", "const", "dest", "required"):
            return False
        if keyword.arg == "action" and literal not in _ACTIONS:
            return False
        if keyword.arg == "nargs" and not (literal in ("?", "*", "+") or
                                           type(literal) is int and 0 <= literal <= MAX_NARGS):
            return False  # argparse builds a pattern as long as an integer nargs
        kwargs[keyword.arg] = literal
    try:
        parser.add_argument(*names, **kwargs)
    except Exception:  # noqa: BLE001 - argparse rejects the spec (conflicting names...)
        return False
    return True


def _parse(made: ast.Call, adds: list[ast.Call], argv: tuple[str, ...]) -> dict | None:
    import argparse

    settings: dict = {}
    for keyword in made.keywords:
        if keyword.arg not in _PARSER_KEYWORDS:
            return None  # prefix_chars, fromfile_prefix_chars (reads files), parents...
        if keyword.arg in ("add_help", "allow_abbrev"):
            flag = _literal(keyword.value)
            if not isinstance(flag, bool):
                return None
            settings[keyword.arg] = flag
    parser = argparse.ArgumentParser(prog="x", exit_on_error=False, **settings)
    for call in adds:
        if not add(parser, call):
            return None
    return parse_known(parser, argv)


def parse_known(parser, argv: tuple[str, ...]) -> dict | None:
    """What `parser.parse_known_args(argv[1:])` returns, as a dict; None when argparse
    exits or fails (its output swallowed). Shared with python_subparsers."""
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            namespace, _rest = parser.parse_known_args(list(argv[1:]))
    except (SystemExit, Exception):  # noqa: BLE001 - SystemExit for -h/--version/errors, ArgumentError
        return None
    return vars(namespace)
