"""Console scripts a Python project declares for itself: `[project.scripts]` (PEP 621) and
`[tool.poetry.scripts]` in the repository's pyproject.toml, `console_scripts` entry points of
setup.cfg and setup.py (setup_scripts). Installing the project puts
each name on PATH as a wrapper that imports `module` and calls `function`, so a start
command `mybot` runs `mybot.cli:main` of this repository."""
from __future__ import annotations

import posixpath

from ..commands import Analysis, Call, Context
from ..patterns import lazy_re

_REFERENCE = lazy_re(r"([A-Za-z_][\w.]*):([A-Za-z_][\w.]*)")


def declared(ctx: Context) -> dict[str, str]:
    """name -> "module:function" from the pyproject.toml at the repository root (then
    setup.cfg and setup.py: runners/setup_scripts)."""
    return ctx.repo.memo(("console-scripts",), lambda: _declared(ctx))


def _declared(ctx: Context) -> dict[str, str]:
    found = _read(ctx)
    if ctx.repo.exists("setup.py") or ctx.repo.exists("setup.cfg"):
        from .setup_scripts import from_setup_files

        for name, reference in from_setup_files(ctx.repo).items():
            found.setdefault(name, reference)
    return found


def _read(ctx: Context, path: str = "pyproject.toml") -> dict[str, str]:
    if not ctx.repo.exists(path):
        return {}
    text = ctx.repo.read_text(path)
    if not text or "scripts" not in text:
        return {}
    from ..formats.platform_common import read_toml

    data = read_toml(ctx.repo, path)
    if not isinstance(data, dict):
        return {}  # a broken pyproject.toml declares nothing; read_toml reported it once (DPL001/DPL006)
    tables = [(data.get("project") or {}).get("scripts"), ((data.get("tool") or {}).get("poetry") or {}).get("scripts")]
    found: dict[str, str] = {}
    for table in tables:
        if not isinstance(table, dict):
            continue
        for name, value in table.items():
            if isinstance(value, dict):  # poetry: {reference = "pkg.cli:main", type = "console"}
                value = value.get("reference") or value.get("callable")
            if isinstance(name, str) and isinstance(value, str):
                match = _REFERENCE.fullmatch(value.split("[")[0].strip())
                if match:
                    found.setdefault(name, f"{match.group(1)}:{match.group(2)}")
    return found


def expand(call: Call, ctx: Context) -> Analysis | None:
    """The process of a declared console script, or None when `call` is not one."""
    if "/" in call.argv[0]:
        return None
    reference = declared(ctx).get(call.argv[0])
    member = ""
    if reference is None:
        member, reference = _member_script(call, ctx)
        if reference is None:
            return None
        ctx = ctx.deeper(cwd=member)
    from .python import module_file

    module, _, function = reference.partition(":")
    path = module_file(ctx, module, package_main=False)
    if path is None:  # the module is not in this repository (a src/ layout is searched by module_file's cwd)
        src = module_file(ctx.deeper(cwd="src"), module, package_main=False) if ctx.repo.is_dir("src") else None
        if src is None:
            return None
        path = src
    from .python_cli import subcommand  # `relay run` / `relay migrate`: a click or Typer sub-command

    words = [w for w in call.argv[1:] if w != "--"]
    chosen = subcommand(ctx.repo, path, function, words, ctx)
    if chosen is not None:
        where, qual, returns, arguments = chosen
        return Analysis([ctx.process(call, kind="python-console", entry=where, app=qual, language="python",
                                     long_running=not returns, arguments=arguments)])
    return Analysis([ctx.process(call, kind="python-console", entry=path, app=function, language="python")])


MAX_MEMBERS = 64  # pyproject.toml files of a monorepo read for console scripts


def _member_script(call: Call, ctx: Context) -> tuple[str, str | None]:
    """(member directory, "module:function") of a console script that a workspace member
    (`apps/bot/pyproject.toml` of a uv/poetry monorepo) declares. When several members
    declare the name, the one whose directory holds the config that runs it (apps/bot/Dockerfile)
    or the working directory wins; otherwise it is not guessed."""
    members = ctx.repo.memo(("console-scripts-members",), lambda: _members(ctx))
    found = members.get(call.argv[0], [])
    if len(found) > 1:
        places = [posixpath.dirname(call.location.path), ctx.cwd]
        found = [(d, r) for d, r in found if any(p == d or p.startswith(d + "/") for p in places if p)]
    return found[0] if len(found) == 1 else ("", None)


def _members(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    paths = sorted(p for p in ctx.repo.with_name("pyproject.toml") if "/" in p and "node_modules/" not in p)
    for path in paths[:MAX_MEMBERS]:
        for name, reference in _read(ctx, path).items():
            found.setdefault(name, []).append((posixpath.dirname(path), reference))
    return found
