"""`pipenv run NAME`: the `[scripts]` table of the project's Pipfile names shell commands
(`start = "python main.py"`), which pipenv runs in place of a program of that name."""
from __future__ import annotations

import shlex

from ..commands import Analysis, Call, Context
from ..model import Location
from ..repo import join

_LONGEST = 2000  # characters of one script's command read


def expand(call: Call, ctx: Context) -> Analysis | None:
    """The command of the Pipfile script `call` names (argv[0]), or None when the
    Pipfile (in the working directory, else at the repository root) declares no such script."""
    name = call.argv[0] if call.argv else ""
    if not name or "/" in name or name.startswith(("-", "$")):
        return None
    for path in dict.fromkeys((join(ctx.cwd, "Pipfile"), "Pipfile")):
        text = _script(ctx, path, name)
        if text is not None:
            extra = list(call.argv[1:])
            full = f"{text} {shlex.join(extra)}" if extra else text
            where = _where(ctx, path, name)
            inner = ctx.step(where, f"Pipfile script `{name}`: `{full[:60]}`")
            return inner.analyse_shell(full, where)
    return None


def _script(ctx: Context, path: str, name: str) -> str | None:
    if not ctx.repo.exists(path):
        return None
    source = ctx.repo.read_text(path)
    if not source or "[scripts]" not in source:
        return None
    from ..formats.platform_common import read_toml

    data = read_toml(ctx.repo, path)
    scripts = data.get("scripts") if isinstance(data, dict) else None
    value = scripts.get(name) if isinstance(scripts, dict) else None
    return value.strip()[:_LONGEST] if isinstance(value, str) and value.strip() else None


def _where(ctx: Context, path: str, name: str) -> Location:
    """The line of `name = ...` under `[scripts]`, else the Pipfile."""
    text = ctx.repo.read_text(path) or ""
    inside = False
    for number, line in enumerate(text.splitlines()[:5000], 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped == "[scripts]"
        elif inside and stripped.split("=", 1)[0].strip().strip("\"'") == name:
            return Location(path, number, 1)
    return Location(path)
