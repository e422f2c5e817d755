"""`python -c "from bot import main; main()"`: the code string is read with `ast` (never
run). When it imports a repository module and calls one of its functions (`from m import f;
f()`, `import m; m.f()`, `asyncio.run(f())`), the process is that module imported and the
function called, like a console script; `import m` alone runs m's module-level code. Any
other code stays an unanalysed `python -c` process, as before."""
from __future__ import annotations

import ast

from ..commands import Call, Context
from ..model import Process

MAX_CODE = 4000  # characters of a -c program read


def inline_process(call: Call, ctx: Context, code: str) -> Process:
    found = _target(code)
    if found is not None:
        module, function = found
        from .python import module_file

        path = module_file(ctx, module, package_main=False) if module else None
        if path is not None:
            return ctx.process(call, kind="python-console", entry=path, app=function, language="python")
    return ctx.process(call, kind="other", language="python")


def _target(code: str) -> tuple[str, str] | None:
    """(module, function or "") that a short `-c` program runs, or None."""
    if not code or len(code) > MAX_CODE:
        return None
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    names: dict[str, tuple[str, str]] = {}  # local name -> (module, attribute or "")
    imported: list[str] = []
    for stmt in tree.body[:20]:
        if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            for alias in stmt.names:
                names[alias.asname or alias.name] = (stmt.module, alias.name)
            imported.append(stmt.module)
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                names[alias.asname or alias.name.split(".")[0]] = (alias.name if alias.asname else alias.name.split(".")[0], "")
                imported.append(alias.name)
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            called = _called(stmt.value, names)
            if called is not None:
                return called
    return (imported[0], "") if len(imported) == 1 else None


def _called(call: ast.Call, names: dict) -> tuple[str, str] | None:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "run" and call.args and isinstance(call.args[0], ast.Call):
        inner = _called(call.args[0], names)  # `asyncio.run(main())`
        if inner is not None:
            return inner
    if isinstance(func, ast.Name) and func.id in names:
        module, attr = names[func.id]
        return (module, attr) if attr else None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in names:
        module, attr = names[func.value.id]
        return (module, func.attr) if not attr else (f"{module}.{attr}", func.attr)
    return None
