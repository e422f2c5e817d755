"""Console scripts a Python project declares for itself: `[project.scripts]` (PEP 621) and
`[tool.poetry.scripts]` in the repository's pyproject.toml. Installing the project puts
each name on PATH as a wrapper that imports `module` and calls `function`, so a start
command `mybot` runs `mybot.cli:main` of this repository."""
from __future__ import annotations

import re

from ..commands import Analysis, Call, Context

_REFERENCE = re.compile(r"([A-Za-z_][\w.]*):([A-Za-z_][\w.]*)")


def declared(ctx: Context) -> dict[str, str]:
    """name -> "module:function" from the pyproject.toml at the repository root."""
    return ctx.repo.memo(("console-scripts",), lambda: _read(ctx))


def _read(ctx: Context) -> dict[str, str]:
    if not ctx.repo.exists("pyproject.toml"):
        return {}
    text = ctx.repo.read_text("pyproject.toml")
    if not text or "scripts" not in text:
        return {}
    from ..formats.platform_common import read_toml

    data = read_toml(ctx.repo, "pyproject.toml")
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
    if reference is None:
        return None
    from .python import module_file

    module, _, function = reference.partition(":")
    path = module_file(ctx, module, package_main=False)
    if path is None:  # the module is not in this repository (a src/ layout is searched by module_file's cwd)
        src = module_file(ctx.deeper(cwd="src"), module, package_main=False) if ctx.repo.is_dir("src") else None
        if src is None:
            return None
        path = src
    return Analysis([ctx.process(call, kind="python-console", entry=path, app=function, language="python")])
