"""Walk the scanned tree once: the only stage that lists directories.

Prunes VCS, dependency, virtualenv and build directories and .gitignore'd paths,
never leaves the root through a symlink, and survives symlink loops. Outside a git work
tree (an exported archive: every file in it was committed) a .gitignore'd file is not
walked but is remembered: a config that names it finds it (Repo.exists).
"""
from __future__ import annotations

import os
import posixpath

from .repo import Repo
from .patterns import lazy_re
from .safe import MAX_IGNORE_BYTES, is_inside, read_bytes

MAX_IGNORE_PATTERNS = 5_000  # per .gitignore; each file is matched against every pattern

PRUNED_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
    "dist", "build", "vendor", "third_party", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".eggs", "site-packages", ".next", ".nuxt", "coverage", ".cache", "bower_components",
})
# copies of the repository a coding agent keeps inside it (Claude Code's `.claude/worktrees/<name>/`
# is a `git worktree` of another branch, sometimes committed): not this checkout's deployment
PRUNED_PATHS = (".claude/worktrees",)
MAX_FILES = 200_000
MAX_IGNORED_FILES = 20_000  # .gitignore'd files remembered outside a git work tree
_STARS = lazy_re(r"\*{3,}")  # a run of three or more stars: `**` (see MAX_PATTERN_STARS)
# pruned even when extend-include names them: version control and package caches
NEVER_INCLUDED = frozenset({".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


def discover(root: str | os.PathLike, exclude: list[str] | None = None, include: list[str] | None = None) -> Repo:
    """The files of the tree at `root`. `exclude` (extend-exclude) adds skipped paths;
    `include` (extend-include) names directories skipped by default (`build/`,
    `vendor/`...) to walk anyway. Both are gitignore-style patterns. The Repo's root is
    the absolute, symlink-resolved path of `root` (a string: paths here are strings)."""
    root = os.path.realpath(root)
    files: list[str] = []
    ignored_env: list[str] = []
    ignored_files: list[str] = []
    excluded = _spec(exclude) if exclude else None
    included = _spec(include) if include else None
    git_ignored = _git_ignored(root)
    visited: set[tuple[int, int]] = set()
    unread: list[tuple[str, str]] = []
    # (directory, spec) pairs from .gitignore files on the way down
    _walk(root, root, "", [], excluded, visited, files, ignored_env, included, git_ignored, ignored_files, unread)
    files.sort()
    return Repo(root=root, files=files, ignored_env_files=sorted(ignored_env), ignored_files=ignored_files,
                unread=sorted(unread))


MAX_UNREAD = 50  # deployment configs that are no regular file, said per scan


def _unreadable(entry, is_dir: bool, path: str) -> str | None:
    """What a deployment config that cannot be read is (a FIFO, a directory, a symlink
    loop...), or None for any other entry. A file discovery skips without a word would
    make a clean report of a deployment that was never read."""
    from .formats import names

    name = entry.name
    if not (names.is_procfile(name) or names.is_railway(name) or names.is_dockerfile(name) or names.is_compose(name)
            or names.is_fly(name) or names.is_render(name) or name in ("app.json", "package.json", "supervisord.conf")
            or (name in names.RAILWAY_IAC_NAMES and path.endswith(".railway/" + name))):
        return None
    if is_dir:
        return "a directory"
    import stat

    try:
        mode = os.stat(entry.path).st_mode
    except OSError:
        return "a broken symbolic link (or a loop of them)" if entry.is_symlink() else "not readable"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def _walk(root: str, directory: str, rel: str, ignores: list, excluded, visited, files, ignored_env,
          included=None, git_ignored: set[str] | None = None, ignored_files: list[str] | None = None,
          unread: list | None = None) -> None:
    try:
        stat = os.stat(directory)
    except OSError:
        return
    if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop or a second link to one dir
        return
    visited.add((stat.st_dev, stat.st_ino))
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    names = {entry.name for entry in entries}
    if rel and "pyvenv.cfg" in names:  # a virtualenv under any name
        return
    if ".gitignore" in names and git_ignored is None:  # in a git work tree, git decides
        spec = _gitignore(os.path.join(directory, ".gitignore"), root)
        if spec is not None:
            ignores = [*ignores, (rel, spec)]
    for entry in entries:
        if len(files) >= MAX_FILES:
            return
        path = f"{rel}/{entry.name}" if rel else entry.name
        try:
            is_dir = entry.is_dir()  # follows symlinks
            is_file = not is_dir and entry.is_file()
            if entry.is_symlink() and not is_inside(entry.path, root):
                continue
        except OSError:
            is_dir = is_file = False
            if not entry.is_symlink():
                continue
        if not is_file and unread is not None and len(unread) < MAX_UNREAD:
            what = _unreadable(entry, is_dir, path)
            if what is not None and not (excluded and excluded.match_file(path)):
                unread.append((path, what))
                continue
        if not is_dir and not is_file:
            continue
        if is_dir:
            if (entry.name in PRUNED_DIRS or entry.name.endswith(".egg-info")
                    or any(path == p or path.endswith("/" + p) for p in PRUNED_PATHS)) and not (
                    entry.name not in NEVER_INCLUDED and included is not None and included.match_file(path + "/")):
                continue
            if (path + "/" in git_ignored if git_ignored is not None else _ignored(path + "/", ignores)) \
                    or (excluded and excluded.match_file(path + "/")):
                continue
            _walk(root, entry.path, path, ignores, excluded, visited, files, ignored_env, included, git_ignored,
                  ignored_files, unread)
        elif is_file:
            if excluded and excluded.match_file(path):
                continue
            if path in git_ignored if git_ignored is not None else _ignored(path, ignores):
                if entry.name.startswith(".env"):
                    ignored_env.append(path)
                elif git_ignored is None and ignored_files is not None and len(ignored_files) < MAX_IGNORED_FILES:
                    ignored_files.append(path)  # no git to ask: it may well be committed
                continue
            files.append(path)


def _git_ignored(root: str) -> set[str] | None:
    """Inside a git work tree, what git ignores (every `.gitignore`, `.git/info/exclude`,
    `core.excludesFile`; a tracked file is never ignored), as root-relative paths
    (directories end with `/`): `git ls-files --others --ignored --exclude-standard
    --directory`, run with every configurable program disabled (secrets.GIT). None
    outside git, below the top of a work tree, or when git is missing or refuses: the
    .gitignore files are then read with pathspec."""
    if not os.path.exists(os.path.join(root, ".git")):  # only at the top of a work tree: a directory inside
        return None                    # another project (a fixture, a vendored app) keeps its own .gitignore
    import subprocess

    from .secrets import GIT, git_environment

    try:
        result = subprocess.run([*GIT, "-C", root, "ls-files", "--others", "--ignored", "--exclude-standard",
                                 "--directory", "-z"], capture_output=True, timeout=15, env=git_environment(),
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0 or len(result.stdout) > 64 * 1024 * 1024:
        return None
    return {p for p in result.stdout.decode("utf-8", errors="surrogateescape").split("\0") if p}


def _gitignore(path: str, root: str):
    """The patterns of a .gitignore: a regular file inside the root (a FIFO, a device or
    a link out of the tree is not read), at most MAX_IGNORE_BYTES and MAX_IGNORE_PATTERNS."""
    try:
        lines = read_bytes(path, MAX_IGNORE_BYTES, inside=root).decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    lines = [_STARS.sub("**", line) for line in lines if line.strip() and not line.lstrip().startswith("#")]
    lines = [line for line in lines if line.count("*") <= MAX_PATTERN_STARS]
    if not lines:
        return None
    spec = _spec(lines[:MAX_IGNORE_PATTERNS])
    spec.deploylint_any = _any_pattern(spec)
    return spec


def _any_pattern(spec):
    """One regular expression that matches where any pattern of `spec` matches. pathspec
    tries every pattern on every path (a .gitignore of 100 lines: 100 searches per file);
    most paths match none, and one search says so. None when the patterns cannot be
    joined (the full check then runs for every path)."""
    import re

    parts = []
    for pattern in spec.patterns:
        regex = getattr(pattern, "regex", None)
        if getattr(pattern, "include", None) is None or regex is None:
            continue
        source = regex.pattern
        if not isinstance(source, str) or "(?P=" in source:
            return None
        parts.append("(?:" + re.sub(r"\(\?P<\w+>", "(?:", source) + ")")
    try:
        return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")
    except (re.error, RecursionError, OverflowError):
        return None


# `***...*` means what `**` means to git; as a regex, each star is a `[^/]*` and 26 of them
# backtrack for minutes on one file name (found by the fuzz suite). A pattern with more
# stars than this is skipped (it costs backtracking, it is no real ignore rule).
MAX_PATTERN_STARS = 12


def _spec(lines: list[str]):
    """A gitignore matcher; patterns that are not valid globs are skipped, as git does."""
    import pathspec  # only when there is something to match

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # noqa: BLE001 - pathspec raises its own errors and re.error
        return pathspec.GitIgnoreSpec.from_lines([line for line in lines if valid_pattern(line)])


def valid_pattern(line: str) -> bool:
    """True when pathspec (and so `re`) accepts `line` as a gitignore pattern."""
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
        return True
    except Exception:  # noqa: BLE001
        return False


def _ignored(path: str, ignores: list) -> bool:
    ignored = False
    for base, spec in ignores:
        relative = path[len(base) + 1:] if base else path
        if base and not path.startswith(base + "/"):
            continue
        quick = getattr(spec, "deploylint_any", None)
        if quick is not None and not quick.search(relative):
            continue  # no pattern of this file matches: it says nothing about the path
        result = spec.check_file(relative)
        if result.include is not None:
            ignored = result.include
    return ignored


def is_hidden_build_path(path: str) -> bool:
    """True for a path inside a directory discovery prunes (build output, deps)."""
    return any(part in PRUNED_DIRS for part in posixpath.dirname(path).split("/"))
