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
