"""Container paths -> repository paths (split from formats/dockerfile_image.py): which
repository file or directory an absolute container path comes from through the image's
COPY/ADD rules (`COPY . .` under `WORKDIR /app`: /app is the build context), and a
command with those paths made repository-relative so the runners can follow it.
"""
from __future__ import annotations

import fnmatch
import posixpath
from typing import TYPE_CHECKING

from ..record import replace
from ..model import Command
from .dockerfile_clones import cloned_cwd
from ..repo import Repo, join
from ..patterns import lazy_re

if TYPE_CHECKING:
    from .dockerfile_image import CopyRule, DockerCommand

PATH_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
_ABSOLUTE_WORD = lazy_re(r"(?<![\w$/.=:-])/(?:[\w.@+-]+/)*[\w.@+-]+")
# a shell word that may name a file the image renamed (`run.sh`, `./run.sh`, `bin/start`), or an absolute one
_PATH_WORD = lazy_re(r"(?<![\w$/.=:-])/(?:[\w.@+-]+/)*[\w.@+-]+|(?<![^\s;&|(\"'])(?:\.\.?/)*[\w@+-][\w.@+-]*(?:/[\w.@+-]+)*"
                     r"(?=$|[\s;&|)\"'])")


# -- container paths -> repository paths ----------------------------------------------
def container_path_to_repo(dc: DockerCommand, context_dir: str, container_path: str, repo: Repo | None = None) -> str | None:
    """The repo path (root-relative) a container path comes from through COPY/ADD, or
    None. With `repo`, a rule whose file exists wins over a later rule that only might."""
    container_path = posixpath.normpath(container_path)
    fallback = None
    for rule in reversed(dc.copies):
        found = _through(rule, context_dir, container_path, repo)
        if found is None:
            continue
        if repo is None or repo.exists(found) or repo.is_dir(found):
            return found
        fallback = fallback or (found if rule.dest != "/" else None)
    return fallback


def _through(rule: CopyRule, context_dir: str, path: str, repo: Repo | None) -> str | None:
    source = join(context_dir, rule.source)
    if any(c in rule.source for c in "*?["):
        if posixpath.dirname(path) == rule.dest and fnmatch.fnmatch(posixpath.basename(path), posixpath.basename(rule.source)):
            return join(posixpath.dirname(source), posixpath.basename(path))
        if path == rule.dest and rule.into_dir and not any(c in posixpath.dirname(rule.source) for c in "*?["):
            return posixpath.dirname(source)  # `COPY app/*.json ./`: the directory holds app/'s files
        return None
    looks_like_dir = "." not in posixpath.basename(rule.source)
    # a directory the repository does not hold (`COPY --from=build /app/dist ./dist`: build
    # output) is still a directory when its name has no extension
    is_dir = rule.source == "." or (repo.is_dir(source) or (looks_like_dir and not repo.exists(source))
                                    if repo is not None else looks_like_dir)
    if is_dir:
        if path == rule.dest:
            return source
        prefix = rule.dest.rstrip("/") + "/"
        return join(source, path[len(prefix):]) if path.startswith(prefix) else None
    target = posixpath.join(rule.dest, posixpath.basename(rule.source)) if rule.into_dir else rule.dest
    return source if path == target else None


def _built_from_source(repo: Repo, found: str, plain: str) -> bool:
    """`./dist/src/server.js` in an image whose dist/ a build stage compiled from
    backend/ (`COPY backend/ ./`, `RUN pnpm build`, `COPY --from=build /app/dist ./dist`):
    the file is backend/dist/src/server.js, built from a source the repository holds. Only
    for a JavaScript file that the plain path (`dist/src/server.js`) does not explain."""
    if not found.endswith((".js", ".cjs", ".mjs")) or repo.exists(plain):
        return False
    from ..runners.node import source_for

    try:
        return source_for(repo, found)[0] is not None and source_for(repo, plain)[0] is None
    except (ValueError, RecursionError):
        return False


class ImagePaths:
    """Which repository file an absolute container path is, through the image's COPY/ADD
    rules (and a compose service's bind mounts): `/app/docker/wait.sh` named inside an
    entrypoint script of an image built with `COPY . /app` is docker/wait.sh."""

    def __init__(self, dc: "DockerCommand", context_dir: str):
        self.dc, self.context_dir = dc, context_dir

    def __repr__(self) -> str:  # stable across runs (plans are compared by repr)
        return f"ImagePaths({self.dc.path!r}, {self.context_dir!r}, {len(self.dc.copies)} copy rules)"

    def to_repo(self, repo: Repo, path: str) -> str | None:
        if not path.startswith("/") or len(path) > 1024:
            return None
        try:
            found = container_path_to_repo(self.dc, self.context_dir, posixpath.normpath(path), repo)
        except (ValueError, RecursionError):
            return None
        return found if found is not None and repo.exists(found) else None

    def dir_to_repo(self, repo: Repo, path: str) -> str | None:
        """The repository directory a container directory holds (`cd /app/backend`), or None."""
        from .dockerfile_dirs import directory_in_image

        return directory_in_image(repo, self.dc, self.context_dir, path)


def _in_submodule(repo: Repo, path: str) -> bool:
    """`COPY bot/ /app` from a git submodule the checkout does not hold: the image's
    working directory is that submodule, though it holds no file here."""
    from ..submodules import containing

    return containing(repo, path) is not None


def localise(repo: Repo, dc: DockerCommand, context_dir: str, command: Command | None,
             workdir: str | None = None) -> tuple[Command | None, str]:
    """The command with container paths made repo-relative, and the repo directory it runs in."""
    workdir = workdir or dc.workdir
    mapped = container_path_to_repo(dc, context_dir, workdir, repo) if workdir else None
    cwd = mapped if mapped is not None and (repo.is_dir(mapped) or _in_submodule(repo, mapped)) else None
    if cwd is None and dc.clones:  # `RUN git clone` of the project: its checkout is the repository
        cwd = cloned_cwd(repo, dc, workdir)
    if cwd is None:
        found = None
        if workdir not in (None, "", "/") and dc.copies:  # single files COPY'd into the workdir
            from .dockerfile_dirs import files_dir

            found = files_dir(repo, dc, context_dir, workdir)
        cwd = found or context_dir
    if command is None:
        return None, cwd

    def on_path(word: str) -> str | None:  # `entrypoint.sh` COPY'd into /usr/local/bin
        for directory in PATH_DIRS:
            found = container_path_to_repo(dc, context_dir, f"{directory}/{word}", repo)
            if found is not None and repo.exists(found):
                return found
        return None

    def renamed(word: str) -> str | None:  # `COPY deploy-convex.sh ./deploy.sh`, then `./deploy.sh`
        if not workdir or word.startswith("-") or "=" in word or ":" in word or not ("/" in word or "." in word):
            return None
        found = container_path_to_repo(dc, context_dir, posixpath.join(workdir, word), repo)
        if found is None or found == join(cwd, word):
            return None
        if not repo.exists(found) and not _built_from_source(repo, found, join(cwd, word)):
            return None
        return found

    def local(word: str, first: bool) -> str:
        if first and "/" not in word:
            found = on_path(word) or renamed(word)
        elif word.startswith("/"):
            found = container_path_to_repo(dc, context_dir, word, repo)
        else:
            found = renamed(word)
        if found is None:
            return word
        relative = posixpath.relpath(found or ".", cwd or ".")  # the context root itself: "."
        return f"./{relative}" if first and "/" not in relative else relative

    def local_text(text: str) -> str:  # shell text: rewrite absolute words and renamed files in it
        def one(match) -> str:
            word = match.group(0)
            first = text[:match.start()].rstrip()[-1:] in ("", ";", "&", "|")
            if not word.startswith("/") and not first and not ("/" in word or "." in word):
                return word  # `python`, `-c`: not a file name
            return local(word, first)

        return _PATH_WORD.sub(one, text[:4000]) + text[4000:]

    if command.argv is not None:
        words = tuple(local(w, i == 0) if w.startswith("/") or i == 0 else local_text(w) if " " in w
                      else local(w, False) for i, w in enumerate(command.argv))
        return replace(command, argv=words), cwd
    return replace(command, shell=local_text(command.shell or "")), cwd
