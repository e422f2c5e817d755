"""DigitalOcean app specs outside `.do/` that the repository deploys by name.

App Platform reads the spec a command or action hands it, wherever it lives:
`doctl apps create|update|propose --spec PATH` ("--spec: Path to an app spec in JSON or
YAML format", https://docs.digitalocean.com/reference/doctl/reference/apps/create/ and
/apps/update/, /apps/propose/) and the
`digitalocean/app_action` deploy action's `app_spec_location:` input (default
`.do/app.yaml`, https://github.com/digitalocean/app_action). Such a file
(`deploy/digitalocean/spec.yml`, `spec.yaml`) is an app spec like `.do/app.yaml`; its
`source_dir` is relative to the repository root. Kept apart from digitalocean.py so the
search costs one pass over scripts, CI files and READMEs and imports nothing else.
"""
from __future__ import annotations

import posixpath

from ..patterns import lazy_re

# `doctl apps update $APP_ID --spec .do/prod.yaml`, `doctl apps create --spec=spec.yaml --upsert`
_SPEC_FLAG = lazy_re(r"\bdoctl[ \t]+apps?[ \t]+(?:create|update|propose)\b[^\n]{0,300}?\s--spec(?:=|[ \t]+)"
                     r"[\"']?([\w./-]{1,200}\.ya?ml)(?![\w.-])", needs=("doctl",))
_SPEC_INPUT = lazy_re(r"\bapp_spec_location[ \t]*:[ \t]*[\"']?([\w./-]{1,200}\.ya?ml)(?![\w.-])", needs=("app_spec_location",))
_QUICK = lazy_re(rb"doctl|app_spec_location", needs=(b"doctl", b"app_spec_location"))
MAX_FILES = 400
MAX_SPECS = 20


def _evidence(path: str, name: str) -> bool:
    lower = name.lower()
    return (path.startswith(".github/workflows/") and lower.endswith((".yml", ".yaml"))) \
        or lower.endswith((".sh", ".bash", ".md", ".mk")) or lower in ("makefile", "justfile") \
        or lower.startswith("readme")


def named_specs(repo) -> list[str]:
    """Repository paths of the YAML app specs a script, workflow or README deploys by name
    (relative to the repository root, where CI runs, else to the mentioning file)."""
    return repo.memo(("digitalocean-named-specs",), lambda: _named_specs(repo))


def _named_specs(repo) -> list[str]:
    from .platform_common import evidence_texts

    found: list[str] = []
    for path, text in evidence_texts(repo, _evidence, _QUICK, MAX_FILES):
        text = text[:256_000]
        for pattern in (_SPEC_FLAG, _SPEC_INPUT):
            for match in pattern.finditer(text):
                name = match.group(1)
                for candidate in (posixpath.normpath(name), posixpath.normpath(posixpath.join(posixpath.dirname(path), name))):
                    candidate = candidate[2:] if candidate.startswith("./") else candidate
                    if candidate.startswith(("..", "/")) or not repo.exists(candidate):
                        continue
                    if candidate not in found and len(found) < MAX_SPECS:
                        found.append(candidate)
                    break
    return found
