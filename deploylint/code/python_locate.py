"""Which repository files an import runs, from where the process's imports start: the
module-name base (`-m pkg.mod`, `uvicorn app.main:app`), the working directory, the
entry's directory, directories the entry puts on sys.path, and the top of its package.
A mixin of python_resolve.Resolver (memoised per import bases in `_located`).
"""
from __future__ import annotations

import posixpath

from ..repo import Repo, join


class Locator:
    def locate(self, importer: str, dotted: str, level: int) -> tuple[tuple[str, ...], str | None] | None:
        """(files an import runs, in order; the module's own file or None for a namespace
        package), or None when the module is not in the repository."""
        key = (posixpath.dirname(importer), dotted, level)
        if key not in self._located:
            self._located[key] = self._locate(importer, dotted, level)
        return self._located[key]

    def _locate(self, importer: str, dotted: str, level: int):
        parts = dotted.split(".") if dotted else []
        if level:
            base = posixpath.dirname(importer)
            for _ in range(level - 1):
                base = posixpath.dirname(base)
            bases = [base]
        elif not parts:
            return None
        else:
            directory = posixpath.dirname(importer)
            bases = list(dict.fromkeys((directory, *self.bases, package_parent(self.repo, directory), "")))
        for base in bases:
            stem = join(base, "/".join(parts)) if parts else base
            if parts and not (self.repo.exists(stem + ".py") or self.repo.is_dir(stem)):
                continue
            run = []
            for i in range(1, len(parts) + 1):
                prefix = join(base, "/".join(parts[:i]))
                if self.repo.exists(join(prefix, "__init__.py")):
                    run.append(join(prefix, "__init__.py"))
                elif i == len(parts) and self.repo.exists(prefix + ".py"):
                    run.append(prefix + ".py")
            if not parts and self.repo.exists(join(base, "__init__.py")):
                run.append(join(base, "__init__.py"))
            own = run[-1] if run and run[-1] in (stem + ".py", join(stem, "__init__.py")) else None
            return tuple(run), own
        return None

    def _bases(self) -> list[str]:
        """Where the process's imports start: the module-name base (`-m pkg.mod`,
        `uvicorn app.main:app`), the entry's directory, the top of its package."""
        bases = [self.entry_base] if self.entry_base is not None else []
        cwd = getattr(self.process, "cwd", None)  # when Process carries the working directory
        bases += [cwd] if isinstance(cwd, str) else []
        directory = posixpath.dirname(self.entry)
        return [*bases, directory, *self._sys_path_dirs(cwd), package_parent(self.repo, directory)]

    def _sys_path_dirs(self, cwd) -> list[str]:
        """Directories the entry script puts on sys.path itself (python_syspath)."""
        if not self.entry.endswith(".py"):
            return []
        from .python_module import load

        module = load(self.repo, self.entry)
        if module is None:
            return []
        from .python_syspath import entry_dirs  # also of `import _paths` and a `-m` package's __init__

        return entry_dirs(self.repo, module, cwd if isinstance(cwd, str) else "", self.entry_base, self._package_inits())

    def _entry_base(self) -> str | None:
        for arg in self.process.argv[1:]:
            name = arg.split(":")[0].removesuffix(".py")
            if not dotted_name(name):
                continue
            rel = name.replace(".", "/")
            for suffix in (".py", "/__init__.py", "/__main__.py"):
                tail = rel + suffix
                if self.entry == tail:
                    return ""
                if self.entry.endswith("/" + tail):
                    return self.entry[: -len(tail) - 1]
        return None

    def _package_inits(self) -> list[str]:
        """Packages Python imports before a `-m` module or an app module."""
        if self.process.kind == "python-script" or self.entry_base is None:
            return []
        inits = []
        directory = posixpath.dirname(self.entry)
        while directory and directory != self.entry_base:
            init = join(directory, "__init__.py")
            if self.repo.exists(init) and init != self.entry:
                inits.append(init)
            directory = posixpath.dirname(directory)
        return inits[::-1]


def package_parent(repo: Repo, directory: str) -> str:
    """The directory above the outermost package that `directory` is in."""
    while directory and repo.exists(join(directory, "__init__.py")):
        directory = posixpath.dirname(directory)
    return directory


_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def dotted_name(name: str) -> bool:
    """`re.fullmatch(r"[A-Za-z_][\\w.]*", name)` without compiling it (tests/test_startup.py)."""
    rest = name[1:].replace(".", "").replace("_", "")
    return name[:1] in _LETTERS and (not rest or rest.isalnum())
