"""Nixpacks' start command: `NIXPACKS_START_CMD`, else `nixpacks.toml` / `nixpacks.json`
`[start] cmd` in the app's directory (read statically, never run).

Nixpacks (https://nixpacks.com/docs/configuration/file, `/docs/configuration/procfile`,
github.com/railwayapp/nixpacks) builds an image from the source: the environment
(`NIXPACKS_START_CMD`) wins over the config file, the config file over the Procfile (ONE
process: web, else worker, else the first alphabetically; `release` never), the Procfile
over the language provider's default. `NIXPACKS_CONFIG_FILE` names another config file.
Railway used it as its builder before Railpack (a service with `builder = "NIXPACKS"`, or an
old service whose dashboard still says Nixpacks); Coolify and Dokploy build with it too.
"""
from __future__ import annotations

from ..model import Location
from ..repo import Repo, join

NAMES = ("nixpacks.toml", "nixpacks.json")


def start_command(repo: Repo, directory: str, env: dict | None = None,
                  env_at: dict | None = None) -> tuple[str, Location, str] | None:
    """(command, where, what names it) of Nixpacks' start command for an app in
    `directory`, or None when neither the environment nor a config file sets one."""
    env = env or {}
    value = env.get("NIXPACKS_START_CMD")
    if isinstance(value, str) and value.strip():
        where = (env_at or {}).get("NIXPACKS_START_CMD") or Location(join(directory, NAMES[0]), 1, 1)
        return value, where, "NIXPACKS_START_CMD"
    names = list(NAMES)
    custom = env.get("NIXPACKS_CONFIG_FILE")
    if isinstance(custom, str) and custom.strip() and ".." not in custom:
        names.insert(0, custom.strip().lstrip("./"))
    for name in names:
        path = join(directory, name)
        if not repo.exists(path):
            continue
        found = _read(repo, path)
        if found is not None:
            return found
    return None


def config_file(repo: Repo, directory: str) -> str | None:
    """The Nixpacks config file of an app in `directory`, if any."""
    return next((join(directory, n) for n in NAMES if repo.exists(join(directory, n))), None)


def _read(repo: Repo, path: str) -> tuple[str, Location, str] | None:
    if path.endswith(".json"):
        from .. import jsonfile

        doc = jsonfile.load(repo, path)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else None
        start = data.get("start") if data is not None else None
        cmd = start.get("cmd") if isinstance(start, dict) else None
        if isinstance(cmd, str) and cmd.strip():
            return cmd, repo.value_location(doc.where("start", "cmd"), cmd), f"{path} start.cmd"
        return None
    from .platform_common import parse_toml, toml_where

    text = repo.read_text(path)
    data = parse_toml(repo, path, text) if text is not None else None
    start = data.get("start") if isinstance(data, dict) else None
    cmd = start.get("cmd") if isinstance(start, dict) else None
    if not isinstance(cmd, str) or not cmd.strip():
        return None
    where = toml_where(path, text.splitlines(), ("start", "cmd"))
    return cmd, repo.value_location(where, cmd), f"{path} [start] cmd"


# -- a Nixpacks build no Railway config describes ---------------------------------------
def targets(repo: Repo) -> list:
    """One target per Nixpacks config with a start command in a directory no Railway
    Config-as-Code file or IaC project covers (Railway reads it there itself, railway_start):
    an app built with Nixpacks by a platform configured outside the repository (a Railway
    service set up in the dashboard, Coolify, Dokploy). One copy; no deploy overlap is
    known. The Procfile beside it is what Heroku would run: it stays a target of its own."""
    from ..model import Command, Copies, Launch, Target
    from .names import is_railway
    import posixpath

    found = []
    railway_dirs = {posixpath.dirname(p) for p in repo.named(is_railway)}
    for directory in sorted({posixpath.dirname(p) for p in repo.named(lambda n: n in NAMES)}):
        if directory in railway_dirs or _iac_covers(repo, directory):
            continue
        start = start_command(repo, directory)
        if start is None:
            continue
        command, where, what = start
        config = config_file(repo, directory) or where.path
        launch = Launch("start", f"Nixpacks start command ({what})", where, Command(where, shell=command), Copies(),
                        cwd=directory, source=what)
        found.append(Target("nixpacks", config, Location(config, 1, 1), [launch]))
    return found


def _iac_covers(repo: Repo, directory: str) -> bool:
    if not any(p.startswith(".railway/") or "/.railway/" in p for p in repo.named(lambda n: n.startswith("railway."))):
        return False
    from .railway_iac import supersedes

    return supersedes(repo, directory) is not None
