"""Dockerfiles whose image a GitHub Actions workflow builds and pushes to a registry
(`docker/build-push-action` with `push:` not false).

A compose service that builds a Dockerfile and sets its own `command:` runs that command,
not the image's CMD, so compose.py takes the Dockerfile as consumed by the service. When a
workflow also pushes the image, the registry copy is deployed somewhere the repository does
not show (a server's own compose file, a Kubernetes cluster), and there it runs its CMD:
the Dockerfile stays a target of its own. A typical case: a dev compose runs `flask run`,
the pushed image runs gunicorn with several workers.

The action's `file` is relative to the workspace (the repository root), default
`{context}/Dockerfile`; `context` defaults to the checkout. `push: ${{ ... }}` (pushed on
some events) counts as pushed.
"""
from __future__ import annotations

import posixpath

from ..repo import Repo, join

MAX_WORKFLOWS = 200
MAX_STEPS = 400  # per workflow
MAX_WORKFLOW_BYTES = 512 * 1024


def runs_apart(repo: Repo, service, path: str, dc=None) -> bool:
    """The compose service runs its own command or entrypoint, and a workflow pushes the
    image `path` builds, whose final stage has a command of its own (`dc`): the pushed image's
    CMD runs elsewhere (a target of its own). An image without a CMD is run with a command
    given wherever it runs: nothing to read."""
    if service.get("command") is None and service.get("entrypoint") is None:
        return False
    if dc is None or dc.command is None or not dc.final:
        return False
    return path in pushed(repo)


def pushed(repo: Repo) -> frozenset[str]:
    """Repository paths of Dockerfiles a workflow builds and pushes."""
    return repo.memo(("docker-pushed",), lambda: frozenset(_find(repo)))


def _find(repo: Repo) -> set[str]:
    from .. import yamlfile
    from .names import is_workflow, is_yaml

    found: set[str] = set()
    for path in sorted(p for p in repo.named(is_yaml) if is_workflow(p))[:MAX_WORKFLOWS]:
        text = repo.peek(path)
        if not text or "docker/build-push-action" not in text:
            continue
        data = yamlfile.load_quietly(repo, path, text, MAX_WORKFLOW_BYTES)
        jobs = data.get("jobs") if isinstance(data, dict) else None
        count = 0
        for job in jobs.values() if isinstance(jobs, dict) else ():
            steps = job.get("steps") if isinstance(job, dict) else None
            for step in steps if isinstance(steps, list) else ():
                count += 1
                if count > MAX_STEPS:
                    break
                dockerfile = _pushed_file(repo, step)
                if dockerfile is not None:
                    found.add(dockerfile)
    return found


def _pushed_file(repo: Repo, step) -> str | None:
    if not isinstance(step, dict) or not str(step.get("uses", "")).startswith("docker/build-push-action@"):
        return None
    options = step.get("with")
    if not isinstance(options, dict) or not _pushes(options.get("push")):
        return None
    context = options.get("context", ".")
    if not isinstance(context, str) or "://" in context or "${{" in context:
        return None  # a remote context (a git URL) or one an expression picks
    file = options.get("file")
    if file is not None and (not isinstance(file, str) or "${{" in file):
        return None
    path = join("", file) if file else join(join("", context), "Dockerfile")
    if path.startswith("..") or posixpath.isabs(path):
        return None
    return path if repo.exists(path) else None


def _pushes(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    return text == "true" or text.startswith("${{")
