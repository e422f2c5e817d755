"""Modules a `runpy` call runs: `runpy.run_module("bot", run_name="__main__")` and
`runpy.run_path("bot/main.py", run_name="__main__")` execute that module's code in this
process, its `if __name__ == "__main__":` block included when run_name is "__main__"
(without it, only the module-level code runs). The name or path is read statically: a
literal, a name assigned one, either arm of a conditional (python_dynamic), or
`os.path.join(os.path.dirname(__file__), "bot.py")` (python_syspath). A relative path is
relative to the working directory (the entry's directory when it is unknown).

Also a module loaded by path with importlib.util: `spec = spec_from_file_location("bot",
"bot_app.py")`, `module = module_from_spec(spec)`, `spec.loader.exec_module(module)` runs
bot_app.py's module code, and `module.main()` its function.
"""
from __future__ import annotations

import ast
import posixpath

from ..model import Step
from ..record import replace
from . import python_signatures as sig
from .python_replay import effect

RUNNERS = ("run_module", "run_path")
LOADERS = ("exec_module",)  # `spec.loader.exec_module(module)` of importlib.util
LIMIT = 8  # modules one call may run


def run_calls(walker, m, scope: str, call: ast.Call, here) -> None:
    """What a call event of the walk (python._Walker) runs through runpy or importlib.util."""
    name = sig.callee(call)[0]
    if name in LOADERS and call.args:
        for path in _spec_paths(walker, m, scope, call.args[0])[:LIMIT]:
            if path != m.path:
                enter_run(walker, here, path, Step(m.location(call), f"`{sig.short(call, 50)}` runs {path}"), False)
        return
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and m.mentions("module_from_spec"):
        for path in _spec_paths(walker, m, scope, func.value)[:LIMIT]:  # `module.main()`
            walker.enter(here, path, func.attr, Step(m.location(call), f"calls `{func.attr}` in {path}"))
    if name not in RUNNERS or not call.args or "runpy" not in m.qualified(call.func).split("."):
        return
    run_name = sig.keyword(call, "run_name")
    as_main = isinstance(run_name, ast.Constant) and run_name.value == "__main__"
    paths = _modules(walker, m, scope, call.args[0]) if name == "run_module" else _paths(walker, m, scope, call.args[0])
    for path in paths[:LIMIT]:
        if path != m.path:
            how = "as __main__" if as_main else "(its module code)"
            enter_run(walker, here, path, Step(m.location(call), f"`{sig.short(call, 50)}` runs {path} {how}"), as_main)


@effect(0)
def enter_run(walker, via, path: str, step: Step, as_main: bool) -> None:
    """An effect of the walk (recorded and replayed like its own): run a module's body."""
    walker.push(replace(via, path=path, qual="", trace=via.trace + (step,), as_main=as_main))


def _spec_paths(walker, m, scope: str, module: ast.expr) -> list[str]:
    """The files a `module_from_spec(spec)` module (named by `module`) is loaded from."""
    if not isinstance(module, ast.Name):
        return []
    found: list[str] = []
    for value in m.values(module.id)[:4]:
        if not (isinstance(value, ast.Call) and sig.callee(value)[0] == "module_from_spec" and value.args
                and isinstance(value.args[0], ast.Name)):
            continue
        for spec in m.values(value.args[0].id)[:4]:
            if isinstance(spec, ast.Call) and sig.callee(spec)[0] == "spec_from_file_location" and len(spec.args) > 1:
                found += [p for p in _paths(walker, m, scope, spec.args[1]) if p not in found]
    return found


def _modules(walker, m, scope: str, expr: ast.expr) -> list[str]:
    from .python_dynamic import string_choices

    found: list[str] = []
    for dotted in string_choices(m, scope, expr):
        if not all(part.isidentifier() for part in dotted.split(".")):
            continue
        located = walker.locate(m.path, dotted, 0)
        own = located[1] if located else None
        if own and own.endswith("/__init__.py"):  # a package runs its __main__
            main = posixpath.join(posixpath.dirname(own), "__main__.py")
            own = main if walker.repo.exists(main) else None
        if own and own not in found:
            found.append(own)
    return found


def _paths(walker, m, scope: str, expr: ast.expr) -> list[str]:
    from .python_dynamic import string_choices
    from .python_syspath import repo_path

    cwd = getattr(walker.process, "cwd", None)
    bases = [cwd] if isinstance(cwd, str) else [posixpath.dirname(walker.entry), posixpath.dirname(m.path)]
    texts = [t for t in string_choices(m, scope, expr) if not t.startswith(("/", "~"))]
    candidates = [posixpath.normpath(posixpath.join(base, t)) for t in texts for base in dict.fromkeys(bases)]
    joined = repo_path(expr, m.path, cwd if isinstance(cwd, str) else posixpath.dirname(walker.entry))
    candidates += [joined] if joined else []
    found: list[str] = []
    for path in candidates:
        if walker.repo.is_dir(path) and walker.repo.exists(posixpath.join(path, "__main__.py")):
            path = posixpath.join(path, "__main__.py")  # a directory (or zip) runs its __main__.py
        if path.endswith(".py") and not path.startswith("../") and walker.repo.exists(path) and path not in found:
            found.append(path)
    return found
