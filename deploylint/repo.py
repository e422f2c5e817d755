"""The scanned repository: which files exist, their text, and what went wrong reading them.

Every stage reads files through `Repo`, so size, encoding and binary problems are
reported once, as DPL001 with a location, and never raise.
"""
from __future__ import annotations

import os
import posixpath
from .record import dataclass, field
from typing import Callable, TypeVar

from .model import Finding, Location
from .safe import NotRegular, TooLarge, is_inside, read_bytes

MAX_BYTES = 2_000_000  # larger files are not deployment config or bot entry points
MAX_PROBLEMS_PER_FILE = 100  # read/parse findings reported per file
T = TypeVar("T")


def _strip_bom(text: str) -> str:
    return text[1:] if text[:1] == "\ufeff" else text


# directories discovery skips by default that can still hold what a config references
REFERENCED_DIRS = frozenset({"build", "vendor", "third_party"})


@dataclass
class Repo:
    root: str  # absolute, symlinks resolved (discover)
    files: list[str] = field(default_factory=list)  # root-relative posix paths, sorted
    ignored_env_files: list[str] = field(default_factory=list)  # .env* hidden by .gitignore
    # other files .gitignore lists, outside a git work tree (discover): not walked, but a
    # config that names one finds it (an archive holds only committed files)
    ignored_files: list[str] = field(default_factory=list, repr=False)
    findings: list[Finding] = field(default_factory=list)  # read and parse problems
    # deployment configs discovery could not read: (path, what it is: a FIFO, a directory...)
    unread: list[tuple[str, str]] = field(default_factory=list, repr=False)
    consumed: set[str] = field(default_factory=set)  # files another target builds from
    _file_set: set[str] = field(default_factory=set, repr=False)
    _dirs: set[str] = field(default_factory=set, repr=False)
    _base_names: list[str] = field(default_factory=list, repr=False)
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)
    _memo: dict[object, object] = field(default_factory=dict, repr=False)
    hidden: set[str] = field(default_factory=set, repr=False)  # files a failed analysis set aside
    last_read: str = field(default="", repr=False)  # the file read last (isolation blames it)
    _problem_keys: set = field(default_factory=set, repr=False)
    _problem_counts: dict[str, int] = field(default_factory=dict, repr=False)
    _refused: set[str] = field(default_factory=set, repr=False)  # referenced paths that are no files
    _named: dict = field(default_factory=dict, repr=False)  # predicate -> (len(files), matching paths)
    _by_name: tuple | None = field(default=None, repr=False)  # (len(files), base name -> paths)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        self._named, self._by_name = {}, None
        self._ignored = frozenset(self.ignored_files)
        self._file_set = set(self.files)
        self._base_names = [posixpath.basename(p) for p in self.files]
        self._dirs = {""}
        for path in self.files:
            parent = posixpath.dirname(path)
            while parent not in self._dirs:
                self._dirs.add(parent)
                parent = posixpath.dirname(parent)

    # -- what exists -------------------------------------------------------------------
    def home(self, path: str) -> str:
        """`../<name of this checkout>/x` is `x`: a config that reaches the repository
        through its parent directory (compose `context: ../bot`, run from a clone named bot)."""
        if not path.startswith("../"):
            return path
        name = posixpath.basename(self.root.rstrip("/")) if self.root else ""
        if name and (path == f"../{name}" or path.startswith(f"../{name}/")):
            return normalise(path[len(name) + 4:])
        return path

    def exists(self, path: str) -> bool:
        path = normalise(path)
        return path in self._file_set or self._admit(path)

    def _admit(self, path: str) -> bool:
        """A file a config names inside a directory discovery skips by default (`build/`,
        `vendor/`, `third_party/`: often sources, e.g. compose `build: ./build`) is read
        all the same: a path a config references is always part of the scan. So is a
        file .gitignore lists outside a git work tree (`ignored_files`). Only a regular
        file inside the root is admitted; the answer is remembered."""
        parts = path.split("/")
        if path in self._refused or ".." in parts or (
                path not in self._ignored and (len(parts) < 2 or not REFERENCED_DIRS.intersection(parts[:-1]))):
            return False
        full = os.path.join(self.root, path)
        try:
            import stat

            ok = stat.S_ISREG(os.lstat(full).st_mode) and is_inside(full, self.root)
        except (OSError, ValueError):
            ok = False
        if not ok:
            self._refused.add(path)
            return False
        self.files.append(path)
        self._file_set.add(path)
        self._base_names.append(posixpath.basename(path))
        parent = posixpath.dirname(path)
        while parent not in self._dirs:
            self._dirs.add(parent)
            parent = posixpath.dirname(parent)
        return True

    def is_dir(self, path: str) -> bool:
        return normalise(path) in self._dirs

    def named(self, predicate: Callable[[str], bool]) -> list[str]:
        """Files whose base name satisfies `predicate`. Each format asks with its own
        predicate, several times per scan: the answer is remembered per predicate (a
        module-level function) while the file list stays the same."""
        cached = self._named.get(predicate)
        if cached is None or cached[0] != len(self.files):
            cached = (len(self.files), [p for p, name in zip(self.files, self._base_names) if predicate(name)])
            if getattr(predicate, "__name__", "<lambda>") != "<lambda>":
                self._named[predicate] = cached
        hidden = self.hidden
        return [p for p in cached[1] if p not in hidden] if hidden else list(cached[1])

    def with_name(self, name: str) -> list[str]:
        """Files whose base name is `name` (an index, not a walk over every file)."""
        if self._by_name is None or self._by_name[0] != len(self.files):
            index: dict[str, list[str]] = {}
            for path, base in zip(self.files, self._base_names):
                index.setdefault(base, []).append(path)
            self._by_name = (len(self.files), index)
        return [p for p in self._by_name[1].get(name, ()) if p not in self.hidden]

    # -- reading -----------------------------------------------------------------------
    def read_text(self, path: str) -> str | None:
        """The file's text (BOM stripped, newlines kept), or None after reporting DPL001
        for a file that is too large, binary or not UTF-8."""
        path = normalise(path)
        self.last_read = path
        if path in self._texts:
            return self._texts[path]
        text = self._load(path)
        self._texts[path] = text
        return text

    def _inside(self, path: str):
        """The directory a read of `path` must stay in: None for a file discovery listed
        (its walk already refused every symlink out of the root), else the root."""
        return None if path in self._file_set else self.root

    def _load(self, path: str) -> str | None:
        full = os.path.join(self.root, path)
        try:
            data = read_bytes(full, MAX_BYTES, inside=self._inside(path))
        except TooLarge as error:
            self.problem("DPL001", Location(path, 1, 1),
                         f"file is too large to be a config or entry file ({error.size:,} bytes; limit {MAX_BYTES:,})",
                         "split it, or exclude it with `extend-exclude` if it is not deployment config")
            return None
        except NotRegular as error:
            self.problem("DPL001", Location(path, 1, 1), f"not read: {error}",
                         "deployment config must be a regular file inside the repository")
            return None
        except OSError as error:
            if isinstance(error, (FileNotFoundError, NotADirectoryError)) and path not in self._file_set:
                return None  # a file the repository does not have is not a broken file: whoever
                # needed it says so (DPL003); a listed file that vanished is still reported
            self.problem("DPL001", Location(path, 1, 1), f"cannot read file: {error.strerror or error}",
                         "check the file's permissions, or exclude it with `extend-exclude`")
            return None
        if b"\0" in data[:8192]:
            self.problem("DPL001", Location(path, 1, 1), "file is binary, not text",
                         "a config or entry file must be UTF-8 text; exclude binaries with `extend-exclude`")
            return None
        try:
            return _strip_bom(data.decode("utf-8"))  # not the utf-8-sig codec: one module less, and
            # error offsets count the BOM's bytes
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            self.problem("DPL001", Location(path, line, column),
                         f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
                         "save the file as UTF-8")
            return None

    def peek(self, path: str, quick=None) -> str | None:
        """The file's text without reporting problems, for searches through files that
        are not otherwise analysed (suppression comments, token literals): such a file
        must not gain a DPL001 just because it was searched. `quick`, a compiled bytes
        pattern, skips files that cannot match before decoding them."""
        path = normalise(path)
        if path in self._texts:
            return self._texts[path]
        try:
            data = read_bytes(f"{self.root}/{path}", MAX_BYTES, inside=self._inside(path))
        except OSError:
            return None
        if b"\0" in data[:8192] or (quick is not None and not quick.search(data)):
            return None
        return _strip_bom(data.decode("utf-8", errors="replace"))

    def lines(self, path: str) -> list[str]:
        """The file's lines, split once per scan (reporters ask once per finding)."""
        path = normalise(path)
        return self.memo(("lines", path), lambda: (self.read_text(path) or "").splitlines())

    def value_location(self, key: Location, value: str) -> Location:
        """Where a one-line string value starts after its key on the same line (JSON or
        TOML quoting), so columns inside a start command point at the right word."""
        import json

        lines = self.lines(key.path)
        if not 0 < key.line <= len(lines):
            return key
        line = lines[key.line - 1]
        quoted = json.dumps(value, ensure_ascii=False)
        index = line.find(quoted, max(key.column, 1))
        if index >= 0:
            return Location(key.path, key.line, index + 2, key.line, index + len(quoted))
        index = line.find(value, max(key.column, 1))
        if index >= 0:
            return Location(key.path, key.line, index + 1, key.line, index + 1 + len(value))
        return key

    # -- shared work -------------------------------------------------------------------
    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """Compute once per scan (parsed files, scanned modules)."""
        if key not in self._memo:
            self._memo[key] = None  # a re-entrant request (import cycle) sees None
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def problem(self, code: str, location: Location, message: str, hint: str) -> None:
        if code == "DPL003":  # a file in a git submodule that is not checked out: DPL004
            from .submodules import recast

            recast_as = recast(self, code, message, location)
            if recast_as is not None:
                code, message, hint = recast_as
                if not code:
                    return
        key = (code, location, message)
        if key in self._problem_keys:
            return
        self._problem_keys.add(key)
        count = self._problem_counts[location.path] = self._problem_counts.get(location.path, 0) + 1
        if count == MAX_PROBLEMS_PER_FILE + 1:  # a file of 16k bad lines: the first ones tell the story
            self.findings.append(Finding("DPL006", f"more than {MAX_PROBLEMS_PER_FILE} problems in this file; the rest "
                                         "are not reported", Location(location.path, 1, 1), "fix the ones reported first"))
        if count <= MAX_PROBLEMS_PER_FILE:
            self.findings.append(Finding(code, message, location, hint))


def normalise(path: str) -> str:
    path = posixpath.normpath(path.replace(os.sep, "/"))
    return "" if path == "." else path.lstrip("/") if not path.startswith("../") else path


def join(directory: str, *paths: str) -> str:
    """A path relative to `directory`, normalised; '..' out of the root stays visible."""
    return normalise(posixpath.join(directory, *paths))
