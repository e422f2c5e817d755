"""Which file names each format reads. Kept apart from the format modules so a scan
imports a format (and its parser) only when the repository has such a file."""
from __future__ import annotations

import posixpath
import re

# Procfile (Heroku, honcho, foreman)
def is_procfile(name: str) -> bool:
    return name == "Procfile"


# Railway config as code
RAILWAY_NAMES = ("railway.json", "railway.toml")


def is_railway(name: str) -> bool:
    return name in RAILWAY_NAMES


# Dockerfile / Containerfile
def is_dockerfile(name: str) -> bool:
    lower = name.lower()
    if lower.endswith((".dockerignore", ".md")):
        return False
    return name in ("Dockerfile", "Containerfile") or name.startswith("Dockerfile.") or lower.endswith(".dockerfile")


# Compose: base files, overrides, and per-environment variants
COMPOSE_BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
COMPOSE_OVERRIDE = re.compile(r"^((?:docker-)?compose)\.override\.ya?ml$")
COMPOSE_VARIANT = re.compile(r"^((?:docker-)?compose)[.-](?!override\.)([\w][\w.-]*?)\.ya?ml$")


def is_compose(name: str) -> bool:
    return name in COMPOSE_BASE_NAMES or bool(COMPOSE_OVERRIDE.match(name) or COMPOSE_VARIANT.match(name))


# PM2 ecosystem files (the content decides among candidates)
PM2_JS_CONFIG = re.compile(r".*\.config\.(c|m)?js$")  # what `pm2 start X` reads as a config (PM2's isConfigFile)
PM2_DATA_CONFIG = re.compile(r".*\.(json|ya?ml)$")
PM2_CANONICAL = frozenset({"process.json", "ecosystem.json", "pm2.json"})
_PM2_NAME_HINTS = ("ecosystem", "pm2", "process")


def is_pm2_candidate(path: str) -> bool:
    name = posixpath.basename(path)
    return name in PM2_CANONICAL or bool(PM2_JS_CONFIG.match(name)) or bool(
        PM2_DATA_CONFIG.match(name) and any(hint in name.lower() for hint in _PM2_NAME_HINTS))


# Platform configs (Render, Fly, Heroku container stack / app.json, supervisord, systemd,
# Kubernetes, DigitalOcean App Platform). Content checks happen in the format modules.
def is_render(name: str) -> bool:
    return name in ("render.yaml", "render.yml")


def is_fly(name: str) -> bool:
    return name == "fly.toml" or bool(re.fullmatch(r"fly\.[\w-]+\.toml", name))


def is_heroku(name: str) -> bool:  # a Procfile too: Heroku preboot / Dokku settings refine its target
    return name in ("heroku.yml", "heroku.yaml", "app.json", "Procfile")


def is_supervisord_candidate(name: str) -> bool:
    return name.endswith((".conf", ".ini")) and name not in ("setup.ini", "tox.ini", "pytest.ini", "mypy.ini")


def is_systemd_unit(name: str) -> bool:
    return name.endswith(".service")


def is_kubernetes_candidate(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) and not is_compose(name) and name not in ("render.yaml", "render.yml")


def is_digitalocean(name: str) -> bool:
    return name in ("app.yaml", "app.yml", "deploy.template.yaml")


CLAIMS = {
    "railway": is_railway,
    "compose": is_compose,
    "procfile": is_procfile,
    "dockerfile": is_dockerfile,
    "pm2": is_pm2_candidate,
    "render": is_render,
    "fly": is_fly,
    "heroku": is_heroku,
    "supervisord": is_supervisord_candidate,
    "systemd": is_systemd_unit,
    "kubernetes": is_kubernetes_candidate,
    "digitalocean": is_digitalocean,
}
