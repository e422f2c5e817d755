"""Click and Typer command groups: which sub-command a start command runs, and whether it
keeps running.

`relay run` and `relay migrate` call one console script, the group `relay.cli:cli`; the
words after it choose the sub-command (`@cli.command("run") def run_bot():`, nested groups
`@cli.group() def db():` then `@db.command() def upgrade():`). The process starts at the
sub-command's function, so a poller in `run` is reached and `migrate` is walked alone.
A sub-command is a one-shot (it does its work and returns, like `manage.py migrate`) when
its body never loops, awaits, or calls anything that blocks or serves, nor a function
imported from the project (django_commands' rule), looking one level into the module's
own functions it calls.

Reads the module the walk parses anyway (python_module.load, memoised): no extra parse.
Only decorators in the group's own module are followed; `add_command` / `add_typer` of
another module's commands is not, and then nothing changes (the group is walked as before).
"""
from __future__ import annotations

import ast

from ..repo import Repo

MAX_WORDS = 4  # nesting levels of groups followed


def subcommand(repo: Repo, path: str, group: str, words: list[str], ctx=None) -> tuple | None:
    """(module path, the sub-command function's qualified name, True when it returns at once,
    its parameters' values from the command line) for the command-line `words` given to the
    group `group` of module `path`; None when the group or the command is not found. Groups
    and commands added with `group.add_command(x)` / `app.add_typer(x, name=...)` are followed
    into the module `x` is imported from (`ctx` resolves absolute imports)."""
    if not words or not group or "." in group:
        return None
    from ..code.python_module import load

    module = load(repo, path)
    if module is None or not _is_group(module, group):
        return None
    current = group
    for position, word in enumerate(words[:MAX_WORDS]):
        if word.startswith("-"):
            return None  # a group option before the command (`cli --debug run`): not guessed
        found = _command(module, current, word)
        if found is not None:
            found = (path, *found)
        else:
            found = _added(repo, ctx, module, path, current, word)
        if found is None:
            return None
        path, qual, kind = found
        module = load(repo, path)
        if module is None:
            return None
        if kind == "command":
            node = module.defs.get(qual)
            rest = words[position + 1:]
            return (path, qual, node is not None and _returns(module, node, 1),
                    _bind(node, rest) if node is not None else ())
        current = qual
    return None


def _added(repo: Repo, ctx, module, path: str, group: str, word: str) -> tuple[str, str, str] | None:
    """(path, qual, kind) of the command or group that `group.add_command(x[, "name"])` or
    `group.add_typer(x, name="name")` at the module's top level adds under `word`."""
    for stmt in module.tree.body[:500]:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in ("add_command", "add_typer") and isinstance(call.func.value, ast.Name)
                and call.func.value.id == group and call.args and isinstance(call.args[0], ast.Name)):
            continue
        given = call.args[1] if call.func.attr == "add_command" and len(call.args) > 1 else next(
            (k.value for k in call.keywords if k.arg == "name"), None)
        explicit = given.value if isinstance(given, ast.Constant) and isinstance(given.value, str) else None
        if explicit is not None and explicit != word:
            continue
        place = _place(repo, ctx, module, path, call.args[0].id)
        if place is None:
            continue
        where, name = place
        target = _load(repo, where)
        node = target.defs.get(name) if target is not None else None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kind = command_kind(node, word, explicit)
            if kind is None:
                continue
            return where, name, kind
        if explicit is not None and call.func.attr == "add_typer":  # a Typer instance: its commands are `@x.command()`
            return where, name, "group"
    return None


def _place(repo: Repo, ctx, module, path: str, name: str) -> tuple[str, str] | None:
    """(module path, name there) of a name the module defines or imports from the project."""
    if name in module.defs or module.values(name, 1):
        return path, name
    binding = module.bindings.get(name)
    if binding is None or not binding.attr:
        return None
    import posixpath

    if binding.level:
        base = posixpath.dirname(path)
        for _ in range(binding.level - 1):
            base = posixpath.dirname(base)
        stem = posixpath.join(base, *binding.module.split(".")) if binding.module else ""
        found = next((p for p in (f"{stem}.py", f"{stem}/__init__.py") if stem and repo.exists(p)), None)
        return (found, binding.attr) if found else None
    if ctx is None:
        return None
    from .python import module_file

    found = module_file(ctx, binding.module, package_main=False)
    return (found, binding.attr) if found else None


def _load(repo: Repo, path: str):
    from ..code.python_module import load

    return load(repo, path)


def _bind(node, words: list[str]) -> tuple:
    """(name, value) for the sub-command's parameters the command line sets: positional
    words to `@click.argument(...)` names in order (Typer: parameters without a default),
    `--flag` to True, `--name value` / `--name=value` to the text."""
    arguments: list[str] = []
    options: dict[str, str] = {}  # "--check" -> parameter name
    flags: set[str] = set()
    for decorator in node.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        func = call.func if call is not None else None
        attr = func.attr if isinstance(func, ast.Attribute) else ""
        texts = [a.value for a in (call.args if call is not None else []) if isinstance(a, ast.Constant)
                 and isinstance(a.value, str)]
        if attr == "argument" and texts:
            arguments.append(texts[0])
        elif attr == "option" and texts:
            name = next((t.lstrip("-").replace("-", "_") for t in texts if t.startswith("--")), "")
            if not name:
                name = next((t for t in texts if not t.startswith("-")), texts[0].lstrip("-"))
            for text in texts:
                if text.startswith("-"):
                    options[text] = name
            if any(k.arg == "is_flag" for k in call.keywords):
                flags.add(name)
    if not arguments and not any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
                                 and d.func.attr in ("argument", "option") for d in node.decorator_list):
        params = node.args.args
        defaults = len(node.args.defaults)
        arguments = [a.arg for a in params[:len(params) - defaults]]  # Typer: no default = positional
        for a in params[len(params) - defaults:]:
            options[f"--{a.arg.replace('_', '-')}"] = a.arg
    bound: list[tuple[str, object]] = []
    positional = iter(arguments)
    index = 0
    while index < len(words) and len(bound) < 16:
        word = words[index]
        index += 1
        if word.startswith("--") and "=" in word:
            key, _, value = word.partition("=")
            if key in options:
                bound.append((options[key], value))
        elif word.startswith("-"):
            name = options.get(word)
            if name is None:
                continue
            if name in flags or index >= len(words) or words[index].startswith("-"):
                bound.append((name, True))
            else:
                bound.append((name, words[index]))
                index += 1
        else:
            name = next(positional, None)
            if name is not None:
                bound.append((name, word))
    return tuple(bound)


def _is_group(module, name: str) -> bool:
    node = module.defs.get(name)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return any(_decorator(d)[1] == "group" for d in node.decorator_list)
    for value in module.values(name, 3) if hasattr(module, "values") else ():
        if isinstance(value, ast.Call):
            func = value.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("Typer", "Group", "group", "AppGroup", "FlaskGroup"):
                return True
    return False


def _decorator(node: ast.expr) -> tuple[str, str, ast.Call | None]:
    """(receiver name, "command"/"group", the call) of `@cli.command(...)`, `@db.group`."""
    call = node if isinstance(node, ast.Call) else None
    func = call.func if call is not None else node
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in ("command", "group"):
        return func.value.id, func.attr, call
    if isinstance(func, ast.Name) and func.id in ("command", "group"):  # `from click import command`
        return "", func.id, call
    return "", "", None


def command_kind(node, word: str, explicit: str | None) -> str | None:
    """"command" or "group" when the function `node` is a click/Typer command that `word`
    names (`explicit`: the name it was added under, when one was given); None otherwise."""
    decorated = [(kind, call) for _, kind, call in map(_decorator, node.decorator_list) if kind]
    if not decorated:
        return None
    kind, call = decorated[0]
    return kind if explicit is not None or word in _names(node, call) else None


def _command(module, group: str, word: str) -> tuple[str, str] | None:
    for qual, node in module.defs.items():
        if "." in qual or not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            receiver, kind, call = _decorator(decorator)
            if receiver != group:
                continue
            if word in _names(node, call):
                return qual, kind
    return None


def _names(node, call: ast.Call | None) -> set[str]:
    explicit = None
    if call is not None:
        first = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "name"), None)
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            explicit = first.value
    if explicit:
        return {explicit}
    # click >= 7 and Typer name a command after its function, `_` becoming `-`
    return {node.name, node.name.replace("_", "-"), node.name.lower().replace("_", "-")}


def _returns(module, node, depth: int) -> bool:
    from .django_commands import _BLOCKING, _WORDS

    if isinstance(node, ast.AsyncFunctionDef):
        return False
    try:
        nodes = [n for stmt in node.body for n in ast.walk(stmt)]
    except RecursionError:
        return False
    for sub in nodes:
        if isinstance(sub, (ast.While, ast.Await, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        if not isinstance(sub, ast.Call):
            continue
        func = sub.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in _BLOCKING or any(word in name.lower() for word in _WORDS):
            return False
        if isinstance(func, ast.Name):
            local = module.defs.get(name)
            if local is not None:
                if depth <= 0 or not isinstance(local, ast.FunctionDef) or not _returns(module, local, depth - 1):
                    return False
            elif _project_import(module, name):
                return False
    return True


def _project_import(module, name: str) -> bool:
    """`name` is imported from the project's own modules (a relative import) or from a library
    a one-shot command does not usually call: it may block."""
    binding = module.bindings.get(name)
    if binding is None:
        return False  # a builtin (`print`, `len`)
    if binding.level:
        return True
    from .django_commands import _third_party

    root = (binding.module or "").split(".")[0]
    return not (_third_party(root) or root in _ONE_SHOT_LIBS)


_ONE_SHOT_LIBS = frozenset({"click", "typer", "alembic", "sqlalchemy", "flask_migrate", "shutil", "rich", "yaml",
                            "tomllib", "getpass", "textwrap", "pprint"})


def entry_subcommand(ctx, entry: str, words: list[str]):
    """`python -m relay serve` / `python cli.py serve` where the entry calls a click or Typer
    group (`cli()` at module level or in its `__main__` block, the group defined there or
    imported from the project): (module path, sub-command qual, returns) or None."""
    words = [w for w in words if w != "--"]
    if not words or words[0].startswith("-"):
        return None
    from ..code.python_module import load

    module = load(ctx.repo, entry)
    if module is None:
        return None
    for name in _called_names(module):
        for path, group in _group_places(ctx, module, entry, name):
            chosen = subcommand(ctx.repo, path, group, words, ctx)
            if chosen is not None:
                return chosen
    return None


def _called_names(module) -> list[str]:
    """Names the module calls as statements at its top level or in its `__main__` block (`cli()`,
    `app()`, `cli(obj={})`), first ones first."""
    body = list(module.tree.body[:200])
    for stmt in module.tree.body[:200]:
        if isinstance(stmt, ast.If) and _main_test(stmt.test):
            body.extend(stmt.body[:50])
    names = _statement_calls(body)
    for name in list(names):  # `def main(): app()` called from the `__main__` block: one level in
        node = module.defs.get(name)
        if isinstance(node, ast.FunctionDef) and not node.decorator_list:
            names.extend(n for n in _statement_calls(node.body[:50]) if n not in names)
    return names[:6]


def _statement_calls(body: list) -> list[str]:
    names: list[str] = []
    for stmt in body:
        value = stmt.value if isinstance(stmt, (ast.Expr, ast.Return)) else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id not in names:
            names.append(value.func.id)
    return names


def _main_test(test: ast.expr) -> bool:
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"


def _group_places(ctx, module, entry: str, name: str) -> list[tuple[str, str]]:
    place = _place(ctx.repo, ctx, module, entry, name)
    return [place] if place else []
