"""Which repository directory a directory inside an image holds: the image's working
directory (where its command runs) and the directories a start script `cd`s into
(`cd /app/backend && python api.py`). File paths are dockerfile_image's business
(`container_path_to_repo`); a directory is trickier because an image is often assembled
from single files (`COPY --from=installer /app/apps/web/package.json ./apps/web/`)."""
from __future__ import annotations

import posixpath

from ..repo import Repo, join


def files_dir(repo: Repo, dc, context_dir: str, workdir: str) -> str | None:
    """The repo directory of the files COPY'd one by one into `workdir` when the directory
    itself maps nowhere (`COPY --from=installer /app/apps/web/package.json ./apps/web/`):
    only when they all come from one directory."""
    if workdir in ("/", ""):
        return None
    found = set()
    for rule in dc.copies:
        if rule.into_dir and rule.dest == workdir and not any(c in rule.source for c in "*?["):
            source = join(context_dir, rule.source)
            if repo.exists(source) and not repo.is_dir(source):
                found.add(posixpath.dirname(source))
                if len(found) > 1:
                    return None
    return found.pop() if found else None


def directory_in_image(repo: Repo, dc, context_dir: str, path: str) -> str | None:
    """The repository directory that container directory `path` holds, or None: through the
    COPY rules, and the image's WORKDIR is where its command runs (`cd /app` back to it)."""
    from .dockerfile_image import container_path_to_repo

    if not path.startswith("/") or len(path) > 1024:
        return None
    path = posixpath.normpath(path)
    try:
        found = container_path_to_repo(dc, context_dir, path, repo)
    except (ValueError, RecursionError):
        return None
    if found is not None and repo.is_dir(found):
        return found
    if dc.workdir and path == posixpath.normpath(dc.workdir):
        return files_dir(repo, dc, context_dir, path) or context_dir
    return None
