"""Code an image gets from `git clone` in a RUN step rather than from the build context.

`RUN cd /home && git clone https://github.com/me/bot` then `WORKDIR /home/bot`: the image's
command runs in a checkout made at build time. Usually of the repository itself (a
Dockerfile kept in `docker/` that clones its own project); sometimes of another one. The
working directory is then read as the repository root (a path the clone holds maps to the
same path here), and a file the repository does not hold is not called missing (DPL003):
it may be in the cloned project or another branch of it, so one DPL004 at the clone says
the code is not checked. Only text is read; the URL is never kept (it may carry a token).
"""
from __future__ import annotations

import posixpath
import re
import shlex

from ..model import Finding, Location
from ..patterns import lazy_re
from ..repo import Repo

MAX_CLONES = 20  # clones one image state keeps
_SEPARATORS = lazy_re(r"&&|\|\||;|\n|\|")


def clones_in_run(value: str, workdir: str) -> list[str]:
    """The container directories a RUN step's `git clone URL [DIR]` commands create, with
    the `cd` before them followed (`cd /home && git clone URL`)."""
    if "clone" not in value or "git" not in value:
        return []
    from ..commands.shell_files import clone_target

    cwd, found = workdir or "/", []
    for segment in _SEPARATORS.split(value[:20000])[:200]:
        try:
            words = shlex.split(segment)
        except ValueError:
            words = segment.split()
        if words[:1] == ["cd"] and len(words) > 1 and not words[1].startswith(("$", "-", "~")):
            cwd = posixpath.normpath(posixpath.join(cwd, words[1]))
            continue
        if words[:2] != ["git", "clone"]:
            continue
        target = clone_target(words)
        if target and not any(c in target for c in "$`~"):
            found.append(posixpath.normpath(posixpath.join(cwd, target)))
    return found[:MAX_CLONES]


def _holding(dc, path: str) -> tuple[str, Location] | None:
    """The clone (container directory, RUN step) that container path `path` lies in."""
    for directory, where in reversed(getattr(dc, "clones", ()) or ()):
        if path == directory or path.startswith(directory.rstrip("/") + "/"):
            return directory, where
    return None


def cloned_cwd(repo: Repo, dc, workdir: str | None) -> str | None:
    """The repository directory a working directory inside a build-time clone is, taking
    the clone for this repository (`/home/bot/src` in a clone at /home/bot: `src`), or None
    when the working directory is in no clone or the repository has no such directory."""
    if not workdir or not workdir.startswith("/"):
        return None
    found = _holding(dc, posixpath.normpath(workdir))
    if found is None:
        return None
    rest = posixpath.normpath(workdir)[len(found[0]):].strip("/")
    return rest if not rest or repo.is_dir(rest) else None


def missing_in_clone(ctx, message: str) -> bool:
    """A file looked for in the image's working directory when that directory is a
    build-time clone: one DPL004 at the clone instead of a DPL003 (True), else False."""
    image = ctx.image
    dc = getattr(image, "dc", None)
    if dc is None or not getattr(dc, "clones", ()):
        return False
    found = _holding(dc, posixpath.normpath(dc.workdir or "/"))
    if found is None or cloned_cwd(ctx.repo, dc, dc.workdir) != ctx.cwd:
        return False
    looked = re.search(r"\(looked for ([^)\s]+)\)", message)
    if looked and ctx.cwd and not looked.group(1).startswith(ctx.cwd + "/"):
        return False
    ctx.repo.findings.append(Finding(
        "DPL004", f"the image's working directory {found[0]} is a `git clone` made while the image is built: the code "
                  "it runs there is fetched then, not taken from this checkout, so it is not checked",
        found[1], "COPY the code into the image from the build context (`COPY . /app`) to have it checked",
        list(ctx.trace)))
    return True
