"""Reading Python values for the signatures (python_signatures): what a name or attribute
is assigned (through imports, with the Facts of the module it is assigned in), the
constructor calls an object comes from, the text a string expression evaluates to, the
environment variable a read names. Pure functions over `ast` nodes; nothing is run."""
from __future__ import annotations

import ast
from typing import Protocol


class Facts(Protocol):
    """What a signature needs to know about the module a call is in."""

    def qualified(self, expr: ast.AST) -> str: ...  # "telethon.TelegramClient" for `TelegramClient`

    def imported_module(self, name: str) -> bool: ...  # `name` is bound by `import name`

    def values(self, key: str) -> list[ast.expr]: ...  # what `key` ("x" or ".attr") is assigned

    def mentions(self, word: str) -> bool: ...  # the module's source contains `word`


# -- small helpers --------------------------------------------------------------------
def short(node: ast.AST, limit: int = 60) -> str:
    try:
        text = " ".join(ast.unparse(node).split())
    except Exception:  # pragma: no cover - unparse of odd trees
        return "..."
    return text if len(text) <= limit else text[: limit - 1] + "…"


def callee(call: ast.Call) -> tuple[str, ast.expr | None]:
    """(name, receiver): ("run_polling", `application`) for `application.run_polling()`."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr, func.value
    if isinstance(func, ast.Name):
        return func.id, None
    return "", None


def chain_words(expr: ast.AST | None) -> list[str]:
    """Identifiers along `a.b().c[0].d`: ["a", "b", "c", "d"]."""
    words: list[str] = []
    while expr is not None:
        if isinstance(expr, ast.Attribute):
            words.append(expr.attr)
            expr = expr.value
        elif isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, (ast.Subscript, ast.Await, ast.Starred)):
            expr = expr.value
        elif isinstance(expr, ast.Name):
            words.append(expr.id)
            break
        else:
            break
    return words[::-1]


def sources(expr: ast.Name | ast.Attribute, facts: Facts) -> list[tuple[ast.expr, Facts]]:
    """What a name or attribute is assigned, each with the Facts of the module it is
    assigned in (a module's facts may follow `from x import name` to x: `sources`)."""
    linked = getattr(facts, "sources", None)
    if linked is not None:
        return linked(expr)
    key = expr.id if isinstance(expr, ast.Name) else "." + expr.attr
    return [(value, facts) for value in facts.values(key)]


def origins_with(expr: ast.AST | None, facts: Facts, depth: int = 3) -> list[tuple[ast.Call, Facts]]:
    """The constructor calls a receiver may come from, through assignments (in this
    module or the one a name is imported from), each with its module's Facts:
    `client` -> [`TelegramClient("anon", ...)`], `Executor(dp)` -> [`Executor(dp)`]."""
    found: list[tuple[ast.Call, Facts]] = []
    while isinstance(expr, (ast.Await, ast.Subscript)):
        expr = expr.value
    if isinstance(expr, ast.Call):
        found.append((expr, facts))
        name, receiver = callee(expr)
        if receiver is not None and depth:  # a builder chain: Application.builder().token(T).build()
            found.extend(origins_with(receiver, facts, depth - 1))
        bases = getattr(facts, "base_calls", None)
        if bases is not None and depth:  # `Bot()` where `class Bot(pyrogram.Client)`: a Client
            found.extend(bases(expr))
        returns = getattr(facts, "returns", None)
        if returns is not None and depth:  # `bot = init_bot()` where init_bot returns Client(...)
            for value, owner in returns(expr)[:4]:
                # `bot = Holder.bot; return bot`: a returned local name costs no hop of its own
                # (the name's own hop counts, so a recursion still ends)
                found.extend(origins_with(value, owner, depth if isinstance(value, ast.Name) else depth - 1))
    elif depth and isinstance(expr, (ast.Name, ast.Attribute)):
        for value, owner in sources(expr, facts)[:4]:
            found.extend(origins_with(value, owner, depth - 1))
    return found


def origin_names(expr: ast.AST | None, facts: Facts) -> list[str]:
    return [owner.qualified(call.func) for call, owner in origins_with(expr, facts)]


def last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def string_of(expr: ast.AST | None, facts: Facts, depth: int = 5) -> str | None:
    """The text an expression evaluates to when it is built from literals: constants,
    f-strings (`{x}` kept), `+`, os.path.join, Path(...) / "x", names assigned a literal."""
    if expr is None:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{" + short(v.value, 20) + "}"
                       for v in expr.values if isinstance(v, (ast.Constant, ast.FormattedValue)))
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Div)):
        left, right = string_of(expr.left, facts, depth), string_of(expr.right, facts, depth)
        if left is not None and right is not None:
            return f"{left.rstrip('/')}/{right}" if isinstance(expr.op, ast.Div) else left + right
        return None
    if depth and isinstance(expr, (ast.Name, ast.Attribute)):
        key = expr.id if isinstance(expr, ast.Name) else "." + expr.attr
        for value in facts.values(key)[:3]:
            text = string_of(value, facts, depth - 1)
            if text is not None:
                return text
        return None
    if isinstance(expr, ast.Call) and depth:
        return _string_of_call(expr, facts, depth - 1)
    return None


def _string_of_call(call: ast.Call, facts: Facts, depth: int) -> str | None:
    name, receiver = callee(call)
    args = [string_of(a, facts, depth) for a in call.args]
    if name == "join" and facts.qualified(call.func).endswith("path.join") and args and None not in args:
        return "/".join(a.rstrip("/") for a in args[:-1]) + "/" + args[-1]  # type: ignore[union-attr]
    if name in ("Path", "PurePath", "PosixPath", "open", "abspath", "expanduser", "str") and args:
        return args[0]
    if name == "gettempdir":
        return "/tmp"
    if name in ("format", "strip", "rstrip", "lower") and receiver is not None:
        return string_of(receiver, facts, depth)
    if name in ("fileno", "resolve", "absolute") and receiver is not None:
        return string_of(receiver, facts, depth)
    return None


def env_name(expr: ast.AST) -> str | None:
    """NAME for os.getenv("NAME"), os.environ["NAME"], environ.get("NAME"), config("NAME")."""
    if isinstance(expr, ast.Subscript) and chain_words(expr.value)[-1:] == ["environ"]:
        key = expr.slice
        return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
    if not isinstance(expr, ast.Call) or not expr.args:
        return None
    name, receiver = callee(expr)
    words = chain_words(receiver)
    env_call = (name in ("getenv", "config", "env") and not words[-1:] == ["self"]) or (
        name in ("get", "str", "int", "getenv") and words[-1:] in (["environ"], ["env"], ["os"]))
    key = expr.args[0]
    if env_call and isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def is_true(expr: ast.AST | None) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is True


def arguments(call: ast.Call) -> list[ast.expr]:
    return [*call.args, *(k.value for k in call.keywords)]
