"""Console scripts a setuptools project declares outside pyproject.toml: the
`console_scripts` entry points of `setup.cfg` (`[options.entry_points]`) and of `setup.py`
(`setup(entry_points={"console_scripts": ["mybot = mybot.cli:main"]})`, also a dict or list
assigned to a module-level name first, or the ini-style string form). setup.py is parsed
with `ast`, never run; anything computed (a loop, a function call) declares nothing."""
from __future__ import annotations

import ast

from ..patterns import lazy_re

_LINE = lazy_re(r"\s*([A-Za-z0-9_][\w.-]*)\s*=\s*([A-Za-z_][\w.]*)\s*:\s*([A-Za-z_][\w.]*)\s*(?:\[[^\]]*\])?\s*")
MAX_SCRIPTS = 64


def from_setup_files(repo) -> dict[str, str]:
    """name -> "module:function" from setup.cfg, then setup.py, at the repository root."""
    found: dict[str, str] = {}
    for path, reader in (("setup.cfg", _from_cfg), ("setup.py", _from_py)):
        text = repo.read_text(path) if repo.exists(path) else None
        if text and "console_scripts" in text:
            for name, reference in reader(text):
                found.setdefault(name, reference)
    return found


def _parse(lines) -> list[tuple[str, str]]:
    found = []
    for line in lines:
        match = _LINE.fullmatch(line) if isinstance(line, str) and len(line) < 500 else None
        if match:
            found.append((match.group(1), f"{match.group(2)}:{match.group(3)}"))
        if len(found) >= MAX_SCRIPTS:
            break
    return found


def _from_cfg(text: str) -> list[tuple[str, str]]:
    """The `console_scripts =` option of `[options.entry_points]` and its indented lines."""
    section, lines, inside = "", [], False
    for raw in text.splitlines()[:5000]:
        stripped = raw.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section, inside = stripped[1:-1].strip(), False
            continue
        if section != "options.entry_points" or not stripped or stripped.startswith(("#", ";")):
            continue
        if raw[:1] not in (" ", "\t"):  # an option of the section
            key, _, value = stripped.partition("=")
            inside = key.strip() == "console_scripts"
            if inside and value.strip():
                lines.append(value)
        elif inside:
            lines.append(stripped)
    return _parse(lines)


def _from_py(text: str) -> list[tuple[str, str]]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    names: dict[str, ast.expr] = {}
    found: list[tuple[str, str]] = []
    for stmt in tree.body[:2000]:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            names[stmt.targets[0].id] = stmt.value
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(stmt, ast.If):  # `if __name__ == "__main__": setup(...)`
            call = next((s.value for s in stmt.body if isinstance(s, ast.Expr)), None)
        if not isinstance(call, ast.Call) or _name(call.func) != "setup":
            continue
        for keyword in call.keywords:
            if keyword.arg == "entry_points":
                found += _entry_points(_named(keyword.value, names), names)
    return found


def _entry_points(value: ast.expr | None, names: dict) -> list[tuple[str, str]]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):  # "[console_scripts]\nbot = m:f"
        return _from_cfg("[options.entry_points]\nconsole_scripts =\n" + "\n".join(
            "  " + line for line in value.value.split("[console_scripts]", 1)[-1].split("[")[0].splitlines()))
    if not isinstance(value, ast.Dict):
        return []
    for key, item in zip(value.keys, value.values):
        if isinstance(key, ast.Constant) and key.value == "console_scripts":
            item = _named(item, names)
            if isinstance(item, (ast.List, ast.Tuple)):
                return _parse([e.value for e in item.elts[:MAX_SCRIPTS] if isinstance(e, ast.Constant)])
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                return _parse(item.value.splitlines())
    return []


def _named(value: ast.expr | None, names: dict) -> ast.expr | None:
    if isinstance(value, ast.Name):
        return names.get(value.id)
    return value


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""
