"""A project's own Flask CLI commands: `flask --app app run-bot`, `worker: flask scheduler`.

Flask imports the app module and runs the command registered on the app's command group:
`@app.cli.command("run-bot")` (or `@app.cli.command()` named after the function, `_`
becoming `-`), `@bp.cli.command(...)` on a blueprint, and a click command added with
`app.cli.add_command(fn[, "name"])` at the module's top level or in its factory. The process
imports the app module and calls that function (a start hook), and it is a one-shot when the function returns at once (runners/python_cli's rule: no loop,
no await, nothing that blocks or serves). Commands of nested groups (`@app.cli.group()`)
follow python_cli.subcommand. Looked up in the app module and the project modules it imports
(one hop, at most MAX_MODULES): no extra parse beyond the modules the walk reads anyway.
Flask's own commands (`run`, `shell`, `routes`) and extensions' (`db upgrade`, `rq worker`)
are not found here and keep the caller's reading. `python manage.py scheduler` where
manage.py runs a `FlaskGroup` is read the same way (group_subcommand).
"""
from __future__ import annotations

import ast

from ..commands import Context
from .python_cli import _bind, _command, _names, _place, _returns, command_kind, subcommand

MAX_MODULES = 24  # project modules imported by the app module searched for commands
MAX_STATEMENTS = 400  # top-level statements (and factory statements) read per module


def command(ctx: Context, app_path: str | None, words: list[str]) -> tuple | None:
    """(module path, the command function's qualified name, True when it returns at once, its
    parameters' values from the command line) of `flask <words>` when words[0] names a command
    the project defines; None otherwise."""
    if app_path is None or not words or words[0].startswith("-"):
        return None
    found = _find(ctx, app_path, words[0])
    if found is None:
        return None
    path, qual, kind = found
    from ..code.python_module import load

    module = load(ctx.repo, path)
    node = module.defs.get(qual) if module is not None else None
    rest = words[1:]
    if kind == "group" and not (node is not None and any(_cli_decorator(d)[0] for d in node.decorator_list)):
        return subcommand(ctx.repo, path, qual, rest, ctx)  # `@click.group()`, `AppGroup("jobs")`
    if node is None:
        return None
    if kind == "group":  # `@app.cli.group() def bot():` then `@bot.command() def poll():`
        found = _command(module, qual, rest[0]) if rest and not rest[0].startswith("-") else None
        if found is None:
            return None
        qual, kind = found
        if kind == "group":
            return subcommand(ctx.repo, path, qual, rest[1:], ctx)
        node, rest = module.defs.get(qual), rest[1:]
    return path, qual, _returns(module, node, 1), _bind(node, rest)


def group_subcommand(ctx: Context, entry: str, words: list[str]) -> tuple | None:
    """`python manage.py scheduler` where manage.py calls `FlaskGroup(create_app)()`: the
    project's command `scheduler` (looked up from the entry, as `flask` would from the app)."""
    from ..code.python_module import load

    module = load(ctx.repo, entry)
    if module is None or not words or "FlaskGroup" not in module.bindings:
        return None
    return command(ctx, entry, words)


def _find(ctx: Context, app_path: str, word: str) -> tuple[str, str, str] | None:
    from ..code.python_module import load

    module = load(ctx.repo, app_path)
    if module is None:
        return None
    found = _decorated(module, word)
    if found is not None:
        return (app_path, *found)
    found = _added(ctx, module, app_path, word)
    if found is not None:
        return found
    for path in _imported(ctx, module, app_path)[:MAX_MODULES]:
        other = load(ctx.repo, path)
        found = _decorated(other, word) if other is not None else None
        if found is not None:
            return (path, *found)
    return None


def _cli_decorator(node: ast.expr) -> tuple[str, ast.Call | None]:
    """("command"/"group", the call) of `@app.cli.command(...)` / `@bp.cli.group()`."""
    call = node if isinstance(node, ast.Call) else None
    func = call.func if call is not None else node
    if (isinstance(func, ast.Attribute) and func.attr in ("command", "group")
            and isinstance(func.value, ast.Attribute) and func.value.attr == "cli"):
        return func.attr, call
    return "", None


def _decorated(module, word: str) -> tuple[str, str] | None:
    for qual, node in list(module.defs.items())[:MAX_STATEMENTS]:
        if "." in qual or not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            kind, call = _cli_decorator(decorator)
            if kind and word in _names(node, call):
                return qual, kind
    return None


def _added(ctx: Context, module, path: str, word: str) -> tuple[str, str, str] | None:
    """`app.cli.add_command(fn)` / `app.cli.add_command(fn, "name")` at the top level or in a
    top-level function (the app factory, `register_commands(app)`)."""
    if "add_command" not in module.text:
        return None
    from ..code.python_lazy import pending

    module.parse_mentioning("add_command")  # a large module's function blocks: only those that say it
    statements = list(module.tree.body[:MAX_STATEMENTS])
    for stmt in module.tree.body[:MAX_STATEMENTS]:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and pending(stmt) is None:
            statements.extend(stmt.body[:MAX_STATEMENTS])
    for stmt in statements:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "add_command"
                and isinstance(call.func.value, ast.Attribute) and call.func.value.attr == "cli"
                and call.args and isinstance(call.args[0], ast.Name)):
            continue
        given = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "name"), None)
        explicit = given.value if isinstance(given, ast.Constant) and isinstance(given.value, str) else None
        if explicit is not None and explicit != word:
            continue
        place = _place(ctx.repo, ctx, module, path, call.args[0].id)
        if place is None:
            continue
        where, name = place
        from ..code.python_module import load

        target = load(ctx.repo, where)
        node = target.defs.get(name) if target is not None else None
        named = _app_group(target, name, word) if node is None and target is not None else None
        if named is not None and (explicit or named) == word:
            return where, name, "group"  # `jobs = AppGroup("jobs")` ... `app.cli.add_command(jobs)`
        kind = command_kind(node, word, explicit) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
        if kind is not None:
            return where, name, kind
    return None


def _app_group(module, name: str, given: str) -> str | None:
    """The command name of `name = AppGroup("jobs")` (or click.Group): its first argument or
    `name=`; `given` when the call names none."""
    for value in module.values(name, 2):
        if isinstance(value, ast.Call):
            func = value.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("AppGroup", "Group"):
                first = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "name"), None)
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    return first.value
                return given
    return None


def _imported(ctx: Context, module, path: str) -> list[str]:
    """Project modules the app module imports by name (`from .commands import bp`,
    `from app.cli import seed`), each once, in binding order."""
    paths: list[str] = []
    for name, binding in list(module.bindings.items())[:MAX_STATEMENTS]:
        if not binding.attr:
            continue
        place = _place(ctx.repo, ctx, module, path, name)
        if place is not None and place[0] != path and place[0] not in paths:
            paths.append(place[0])
    return paths
