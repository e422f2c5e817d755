"""Which names the repository's Python ever defines with `def` (a superset, read from the
raw bytes of every Python file): `inst.json()` / `data.get()` on a local value is asked
thousands of times in a large bot, and working out the classes the value may be an
instance of (python_resolve.instance_classes: blocks parsed, imports followed) is wasted
when no repository class has a method of that name anywhere. One pass over the bytes
with a literal-led pattern costs a few hundredths of a second on 25 MB of Python.

The set covers every file the resolver can load a class from: the Python files discovery
listed (the texts already read, or proposed by an overlay, are used as they are), those
.gitignore hid (ignored_files), and those under `build/`, `vendor/` and `third_party/`
directories beside listed ones (Repo._admit reads those when an import names them). A
file past MAX_BYTES or unreadable cannot be loaded either. The module asked about is
checked as well (an entry script without the .py suffix). Names that are not ASCII are
never ruled out (the byte pattern matches ASCII words only).
"""
from __future__ import annotations

import os

from ..patterns import lazy_re

# `def` then whitespace or backslash line joins, then the name; `undef x` or a `def` in a
# string only adds names (a superset is what the answer needs)
_DEF_BYTES = lazy_re(rb"def[\s\\]+(\w+)")
_DEF_TEXT = lazy_re(r"def[\s\\]+(\w+)")
MAX_WALKED = 20_000  # entries under build/vendor/third_party directories: past it, nothing is ruled out


def never_defined(repo, module, name: str) -> bool:
    """True when no Python file of `repo` (nor `module`'s own text) has `def name`: no
    repository class then has a method `name`."""
    if not name.isascii() or not name.isidentifier():
        return False
    index = repo.memo(("python-def-names",), lambda: _index(repo))
    if index is None or name in index[0]:
        return False
    if len(repo.files) != index[1]:  # files admitted since (appended): theirs are added
        if len(repo.files) < index[1]:
            return False
        new = [p for p in repo.files[index[1]:] if p.endswith(".py")]
        index = repo._memo[("python-def-names",)] = (index[0] | _names(repo, new), len(repo.files))
        if name in index[0]:
            return False
    path = getattr(module, "path", "")
    if path.endswith(".py") and path in repo._file_set:
        return True
    own = repo.memo(("python-def-names", path), lambda: frozenset(_DEF_TEXT.findall(getattr(module, "text", "") or "")))
    return name not in own


def _index(repo) -> tuple[frozenset[str], int] | None:
    from ..repo import REFERENCED_DIRS

    paths = [p for p in repo.files if p.endswith(".py")]
    paths += [p for p in getattr(repo, "ignored_files", ()) if p.endswith(".py")]
    walked = 0
    for directory in sorted(repo._dirs):
        for name in sorted(REFERENCED_DIRS):
            top = os.path.join(repo.root, directory, name)
            if not os.path.isdir(top) or os.path.islink(top):
                continue
            for where, dirs, files in os.walk(top):
                walked += len(dirs) + len(files)
                if walked > MAX_WALKED:
                    return None
                relative = os.path.relpath(where, repo.root).replace(os.sep, "/")
                paths += [f"{relative}/{f}" for f in files if f.endswith(".py")]
    return frozenset(_names(repo, paths)), len(repo.files)


def _names(repo, paths: list[str]) -> set[str]:
    """The names after `def` in the files at `paths` (as read, or the bytes on disk)."""
    from ..repo import MAX_BYTES
    from ..safe import read_bytes

    found: set[str] = set()
    texts = repo._texts
    for path in dict.fromkeys(paths):
        text = texts.get(path)
        if isinstance(text, str):
            found.update(_DEF_TEXT.findall(text))
            continue
        if path in texts:  # read before and refused (too large, binary, not UTF-8): never loaded
            continue
        try:
            data = read_bytes(os.path.join(repo.root, path), MAX_BYTES, inside=repo._inside(path))
        except (OSError, ValueError):
            continue
        found.update(word.decode("ascii", "replace") for word in _DEF_BYTES.findall(data))
    return found
