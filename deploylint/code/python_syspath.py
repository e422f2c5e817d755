"""Import directories an entry script adds itself: `sys.path.insert(0, "src")`,
`sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))`,
`sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))`, a name assigned
one of those (`ROOT = Path(__file__).parent.parent`). Read from the entry module's
top-level statements (and its top-level `if`/`try` blocks), as Python runs them before the
imports below; evaluated statically: `__file__` is the entry's path, a relative string is
relative to the process's working directory. Anything else (an environment variable, a
user's absolute path) adds nothing. A module the entry imports at its top level that does
the same (`import _paths`) adds its directories too (helper_modules).
"""
from __future__ import annotations

import ast
import posixpath

from .python_values import callee, chain_words

MAX_ADDED = 16  # directories taken from one entry
_OUTSIDE = "\0"  # a path above the repository root


def added_dirs(module, cwd: str) -> list[str]:
    """Repository directories (relative, "" for the root) the module puts on sys.path."""
    names: dict[str, str | None] = {}
    found: list[str] = []
    for stmt in _top_level(module.tree.body):
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = _directory(stmt.value, module.path, cwd, names)
            for target in targets:
                if isinstance(target, ast.Name):
                    names[target.id] = value
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            name, receiver = callee(call)
            if name in ("append", "insert") and chain_words(receiver) == ["sys", "path"] and call.args:
                directory = _directory(call.args[-1], module.path, cwd, names)
                if directory is not None and directory != _OUTSIDE and directory not in found:
                    found.append(directory)
        if len(found) >= MAX_ADDED:
            break
    return found


MAX_HELPERS = 16  # modules an entry imports that are read for sys.path changes


def entry_dirs(repo, module, cwd: str, entry_base: str | None, inits: list[str]) -> list[str]:
    """The directories the entry adds, then those of the package `__init__` files a `-m`
    module runs first (`inits`) and of the modules the entry imports at its top level."""
    from .python_module import load

    found = added_dirs(module, cwd) if "sys.path" in (repo.peek(module.path) or "") else []
    if "import" not in module.text:
        return found
    bases = list(dict.fromkeys(b for b in (entry_base, cwd) if b is not None))
    helpers = [i for i in inits if "sys.path" in (repo.peek(i) or "")] + helper_modules(repo, module, bases)
    for helper in helpers:
        other = load(repo, helper)
        found += [d for d in (added_dirs(other, cwd) if other is not None else ()) if d not in found]
    return found


def helper_modules(repo, module, bases: list[str]) -> list[str]:
    """Repository modules the entry imports at its top level that change sys.path themselves
    (`import paths` before `from tgbot import run`, with paths.py inserting `core/`): an
    import runs the module before the next statement, so its directories count as the
    entry's. Looked up as a plain file or package beside the entry or in `bases`; not followed further."""
    found: list[str] = []
    imports = (stmt for stmt in _top_level(module.tree.body) if isinstance(stmt, (ast.Import, ast.ImportFrom)))
    for count, stmt in enumerate(imports):
        if count >= 64:
            break
        if isinstance(stmt, ast.Import):
            names = [alias.name for alias in stmt.names]
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            names = [stmt.module] + [f"{stmt.module}.{alias.name}" for alias in stmt.names]
        else:
            continue
        for name in names[:8]:
            rel = name.replace(".", "/")
            for base in dict.fromkeys([posixpath.dirname(module.path), *bases]):
                for candidate in (posixpath.join(base, rel + ".py"), posixpath.join(base, rel, "__init__.py")):
                    if candidate not in found and candidate != module.path and repo.exists(candidate) \
                            and "sys.path" in (repo.peek(candidate) or ""):
                        found.append(candidate)
        if len(found) >= MAX_HELPERS:
            break
    return found[:MAX_HELPERS]


def repo_path(expr: ast.AST, path: str, cwd: str) -> str | None:
    """The repository path an expression names (`os.path.join(os.path.dirname(__file__), "x.py")`),
    None when it is unknown or above the root."""
    found = _directory(expr, path, cwd, {})
    return None if found is None or found == _OUTSIDE or found.startswith("\1") else found


def _top_level(body: list[ast.stmt], depth: int = 0):
    for stmt in body[:2000]:
        yield stmt
        if depth < 2 and isinstance(stmt, ast.If):
            yield from _top_level(stmt.body, depth + 1)
            yield from _top_level(stmt.orelse, depth + 1)
        elif depth < 2 and isinstance(stmt, ast.Try):
            yield from _top_level(stmt.body, depth + 1)


def _directory(expr: ast.AST, path: str, cwd: str, names: dict, depth: int = 0) -> str | None:
    """The repository directory an expression names, `_OUTSIDE` above the root, else None."""
    if depth > 12:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        text = expr.value
        if not text or text.startswith(("/", "~")) or "\0" in text:
            return None if text else _norm(cwd)
        return _norm(posixpath.join(cwd, text))
    if isinstance(expr, ast.Name):
        if expr.id == "__file__":
            return "\1" + path  # a file, not a directory: dirname/parent make it one
        return names.get(expr.id)
    if isinstance(expr, ast.Attribute) and expr.attr in ("parent", "parents"):
        inner = _directory(expr.value, path, cwd, names, depth + 1)
        return _up(inner) if expr.attr == "parent" else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):  # Path(...) / "bot"
        left = _directory(expr.left, path, cwd, names, depth + 1)
        right = expr.right.value if isinstance(expr.right, ast.Constant) and isinstance(expr.right.value, str) else None
        return _joined(left, right)
    if not isinstance(expr, ast.Call):
        return None
    name, receiver = callee(expr)
    args = expr.args
    if name in ("abspath", "realpath", "normpath", "str", "Path", "PurePath", "resolve", "absolute", "expanduser"):
        inner = args[0] if args else receiver
        return _directory(inner, path, cwd, names, depth + 1) if inner is not None else None
    if name == "dirname" and args:
        return _up(_directory(args[0], path, cwd, names, depth + 1))
    if name == "join" and args and chain_words(receiver)[-1:] == ["path"]:
        result = _directory(args[0], path, cwd, names, depth + 1)
        for arg in args[1:6]:
            part = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            result = _joined(result, part)
        return result
    return None


def _up(value: str | None) -> str | None:
    if value is None or value == _OUTSIDE:
        return value
    if value.startswith("\1"):  # __file__: its directory
        return posixpath.dirname(value[1:])
    return _OUTSIDE if value == "" else posixpath.dirname(value)


def _joined(left: str | None, part: str | None) -> str | None:
    if left is None or part is None or left == _OUTSIDE or left.startswith("\1") or part.startswith("/"):
        return None
    return _norm(posixpath.join(left, part))


def _norm(path: str) -> str:
    joined = posixpath.normpath(path) if path else ""
    if joined in (".", ""):
        return ""
    return _OUTSIDE if joined == ".." or joined.startswith("../") else joined
