"""One module per file format; each turns its files into Targets and Launches.

`all_targets(repo)` asks every format, in an order where a format that consumes
another's file (Railway and compose build Dockerfiles; pm2-runtime starts an ecosystem
file) marks it first.
"""
from __future__ import annotations

import importlib

from ..model import Target
from ..repo import Repo
from ..safe import isolated_targets
from .names import CLAIMS, is_workflow

FORMATS = ("railway", "compose", "procfile", "dockerfile", "pm2", "scripts")
# platform formats (issue 10); a module may also define `refine(repo, targets)` to
# adjust targets other formats built (heroku.yml replaces a Procfile, app.json sets its
# dyno counts)
FORMATS += ("render", "fly", "heroku", "supervisord", "systemd", "kubernetes", "digitalocean")
FORMATS += ("github_actions",)  # CI workflows that run a program (a scheduled bot)
FORMATS += ("caprover",)  # captain-definition (round 9)
FORMATS += ("koyeb",)  # Koyeb services a workflow deploys (round 10)
FORMATS += ("nixpacks",)  # a Nixpacks start command no Railway config covers (round 11)
# the platforms each format's targets belong to, to skip a format `--platform` rules out
FORMAT_PLATFORMS = {"railway": {"railway"}, "compose": {"compose"}, "procfile": {"heroku", "local"},
                    "dockerfile": {"docker"}, "pm2": {"pm2"}, "scripts": {"local"}, "render": {"render"},
                    "fly": {"fly"}, "heroku": {"heroku", "dokku"}, "supervisord": {"supervisord"},
                    "systemd": {"systemd"}, "kubernetes": {"kubernetes"}, "digitalocean": {"digitalocean"},
                    "github_actions": {"github-actions"}, "caprover": {"caprover"},
                    "koyeb": {"koyeb"}, "nixpacks": {"nixpacks"}}


def all_targets(repo: Repo, platforms: tuple[str, ...] = ()) -> list[Target]:
    """Every format's targets; with `platforms`, only the targets of those platforms."""
    targets: list[Target] = []
    used = []
    for path, what in repo.unread:  # a Procfile that is a FIFO, a railway.json that is a directory
        from ..model import Location

        repo.problem("DPL001", Location(path, 1, 1), f"not read: {path} is {what}, not a regular file",
                     "make it a regular file in the repository (deploylint opens nothing else)")
    from .docker_build import build_contexts

    build_contexts(repo)  # admits a Dockerfile scripts/CI build from a skipped directory (build/Dockerfile)
    for name in FORMATS:
        if platforms and name in FORMAT_PLATFORMS and not FORMAT_PLATFORMS[name] & set(platforms):
            continue
        if _claimed(repo, name):
            module = importlib.import_module(f"{__name__}.{name}")
            # behind a per-file boundary: a file the format cannot handle costs DPL006
            targets.extend(isolated_targets(repo, module))
            used.append(module)
    for module in used:
        refine = getattr(module, "refine", None)
        if refine is not None:
            targets = refine(repo, targets)
    return [t for t in targets if not platforms or t.platform in platforms]


def _claimed(repo: Repo, name: str) -> bool:
    """Whether the repository has a file for format `name` (so its module is imported)."""
    if name == "github_actions":  # any YAML name: the directory decides
        return any(is_workflow(path) for path in repo.named(CLAIMS[name]))
    if name == "koyeb":  # no file of its own: a workflow that deploys to Koyeb
        if not any(is_workflow(path) for path in repo.named(CLAIMS["github_actions"])):
            return False
        from .koyeb import workflows

        return bool(workflows(repo))
    return bool(repo.named(CLAIMS[name])) or (name == "compose" and _compose_by_evidence(repo)) \
        or (name == "fly" and _fly_by_evidence(repo)) or (name == "railway" and _railway_link(repo)) \
        or (name == "digitalocean" and _digitalocean_by_evidence(repo))


def _digitalocean_by_evidence(repo: Repo) -> bool:
    """A DigitalOcean app spec outside `.do/`, deployed with `doctl apps create --spec FILE`."""
    from .digitalocean_specs import named_specs

    return bool(named_specs(repo))


def _railway_link(repo: Repo) -> bool:
    """A root `.railway/railway.*` (railway_iac.IAC_NAMES) that discovery left out (a symlink out of the
    repository): the Railway format says it was not read (railway_iac._links_out)."""
    import os

    return any(os.path.lexists(os.path.join(repo.root, ".railway", name))
               for name in ("railway.ts", "railway.py", "railway.go", "railway.mts", "railway.js", "railway.mjs"))


def _fly_by_evidence(repo: Repo) -> bool:
    """A Fly app config with another name, deployed with `fly deploy -c FILE`."""
    from .names import is_other_toml

    if not repo.named(is_other_toml):
        return False
    from .fly import named_configs

    return bool(named_configs(repo))


def _compose_by_evidence(repo: Repo) -> bool:
    """Compose files with names compose does not look for, run with `docker compose -f`."""
    from .compose_projects import projects

    return bool(projects(repo))
