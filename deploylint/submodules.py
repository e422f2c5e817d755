"""Git submodules that are not checked out.

A repository that keeps its backend or its bot in a git submodule (`.gitmodules`:
`path = backend`) has an empty `backend/` directory after a plain `git clone`, a GitHub
archive download, or `actions/checkout` without `submodules: true`. A compose service
that builds `./backend`, or a Procfile line that runs `python backend/bot.py`, then names
files deploylint cannot see. They are not missing from the project, so this is not
DPL003 (missing-entrypoint): the finding becomes DPL004 (unresolved-command), once per
place, saying which submodule to check out.
"""
from __future__ import annotations

import re

from .patterns import lazy_re

MAX_GITMODULES_BYTES = 64 * 1024
MAX_SUBMODULES = 200
_PATH = lazy_re(r"^[ \t]*path[ \t]*=([^\r\n]*)", re.M)  # the value stripped after: no backtracking

HINT = ("check out the submodules before the scan (`git submodule update --init`, or `submodules: true` "
        "in actions/checkout) so deploylint can read what they run")


def unchecked(repo) -> tuple[str, ...]:
    """Paths of the submodules `.gitmodules` declares that hold no file in this checkout."""
    return repo.memo("unchecked-submodules", lambda: _unchecked(repo))


def _unchecked(repo) -> tuple[str, ...]:
    import os

    from .model import Location
    from .repo import normalise
    from .safe import TooLarge, read_bytes

    if not repo.root:
        return ()
    try:
        data = read_bytes(os.path.join(repo.root, ".gitmodules"), MAX_GITMODULES_BYTES, inside=repo.root)
    except TooLarge as error:  # said, not ignored in silence: its submodules' files would be "missing"
        repo.problem("DPL006", Location(".gitmodules", 1, 1), f".gitmodules is not read: {error}",
                     "files of submodules that are not checked out may be reported as missing (DPL003)")
        return ()
    except (OSError, ValueError):  # none, a directory, a FIFO, a link out of the checkout
        return ()
    text = data.decode("utf-8", "replace")
    paths = []
    for match in _PATH.finditer(text):
        path = normalise(match.group(1).strip(" \t").strip("\"'"))
        if path and path != ".." and not path.startswith("../") and path not in paths:
            paths.append(path)
        if len(paths) >= MAX_SUBMODULES:
            break
    return tuple(p for p in paths if not repo.is_dir(p) and not repo.exists(p))


def containing(repo, path: str) -> str | None:
    """The unchecked submodule `path` lies in (or is), if any."""
    for sub in unchecked(repo):
        if path == sub or path.startswith(sub + "/"):
            return sub
    return None


def named_in(repo, message: str, cwd: str = "") -> str | None:
    """The unchecked submodule a DPL003 message is about: a path in the message inside
    one, or the working directory the command runs in."""
    subs = unchecked(repo)
    if not subs:
        return None
    from .repo import join

    if cwd and containing(repo, cwd):
        return containing(repo, cwd)
    for word in message.split():
        word = word.strip("`'\"(),;:")
        if "/" in word and not word.startswith("/"):
            sub = containing(repo, join("", word))
            if sub:
                return sub
    return None


def reword(message: str, sub: str) -> str:
    """The DPL003 message said 'not in the repository'; it is in a submodule not checked out."""
    here = f"the git submodule `{sub}`, which is not checked out here"
    if "which is not in the repository" in message:
        return message.replace("which is not in the repository", f"in {here}", 1)
    if "is not in the repository" in message:
        return message.replace("is not in the repository", f"is in {here}", 1)
    return f"{message} (in {here})"


def recast(repo, code: str, message: str, location, cwd: str = "") -> tuple[str, str, str] | None:
    """For a DPL003 about a file in an unchecked submodule: (DPL004, message, hint), or
    None to keep it; ("", "", "") when this place already has its DPL004."""
    sub = named_in(repo, message, cwd) if code == "DPL003" else None
    if sub is None:
        return None
    seen = repo.memo("submodule-findings", set)
    key = (location.path, location.line, sub)
    if key in seen:
        return "", "", ""
    seen.add(key)
    return "DPL004", reword(message, sub), HINT
