"""Which file names each format reads. Kept apart from the format modules so a scan
imports a format (and its parser) only when the repository has such a file."""
from __future__ import annotations

import posixpath
import re
from ..patterns import lazy_re

# Procfile (Heroku, honcho, foreman); `Procfile.<name>` (Procfile.dev) for `honcho -f`/`foreman -f`
_PROCFILE_VARIANT = lazy_re(r"^Procfile\.[\w-]+$", needs=("Procfile.",))


def in_ci_dir(path: str) -> bool:
    """A file under a `.github/` directory (workflows, actions, templates): CI, never a
    platform manifest, whatever its name (`.github/workflows/heroku.yml`, `render.yml`)."""
    return path.startswith(".github/") or "/.github/" in path


def is_workflow(path: str) -> bool:
    """A workflow file: directly in `.github/workflows/` at the root, .yml or .yaml."""
    return path.startswith(".github/workflows/") and path.count("/") == 2 and path.endswith((".yml", ".yaml"))


def is_procfile(name: str) -> bool:
    return name == "Procfile" or is_procfile_variant(name)


def is_procfile_variant(name: str) -> bool:
    return bool(_PROCFILE_VARIANT.match(name)) and not name.endswith((".md", ".txt", ".example", ".sample", ".bak", ".orig"))


# Railway config as code; `railway.<name>.toml|json` is a service's custom config path
RAILWAY_NAMES = ("railway.json", "railway.toml")
_RAILWAY_CUSTOM = lazy_re(r"^railway\.(?!schema\b)[\w-]+\.(json|toml)$", needs=("railway.",))


def is_railway(name: str) -> bool:
    return name in RAILWAY_NAMES or bool(_RAILWAY_CUSTOM.match(name))


# Standalone start scripts ("run by hand" when no config runs them)
_START_SCRIPT = lazy_re(r"^(start|run|entrypoint|docker-entrypoint|boot|launch|(start|run)[_-](bot|bots|all))(\.sh|\.bash)?$",
                        needs=("start", "run", "entrypoint", "boot", "launch"))


_START_STEMS = frozenset({"start", "run", "entrypoint", "docker-entrypoint", "boot", "launch",
                          *(f"{verb}{sep}{what}" for verb in ("start", "run") for sep in "_-" for what in ("bot", "bots", "all"))})


def is_start_script(name: str) -> bool:
    if "\n" in name:  # (`$` before a final newline)
        return bool(_START_SCRIPT.match(name))
    return name in _START_STEMS or (name.endswith(".sh") and name[:-3] in _START_STEMS) or (
        name.endswith(".bash") and name[:-5] in _START_STEMS)


def start_script_path(path: str) -> bool:
    """A script name alone (`start`) counts only in bin/ or script/; with .sh anywhere."""
    return path.endswith((".sh", ".bash")) or posixpath.basename(posixpath.dirname(path)) in ("bin", "script", "scripts")


# Railway infrastructure as code: .railway/railway.ts|py|go (the directory is checked by railway_iac)
RAILWAY_IAC_NAMES = ("railway.ts", "railway.py", "railway.go", "railway.mts", "railway.js", "railway.mjs")


def is_railway_any(name: str) -> bool:
    return is_railway(name) or name in RAILWAY_IAC_NAMES


# Dockerfile / Containerfile
def is_dockerfile(name: str) -> bool:
    lower = name.lower()
    if lower.endswith((".dockerignore", ".md")):
        return False
    return name in ("Dockerfile", "Containerfile", "dockerfile") or name.startswith("Dockerfile.") \
        or lower.endswith(".dockerfile")


def default_dockerfile(repo, directory: str) -> str:
    """The file `docker build` / Compose read when none is named: `Dockerfile`, else a
    lowercase `dockerfile` (moby#10858, buildx#444: the Docker client's fallback)."""
    from ..repo import join

    path = join(directory, "Dockerfile")
    if not repo.exists(path) and repo.exists(join(directory, "dockerfile")):
        return join(directory, "dockerfile")
    return path


# Compose: base files, overrides, and per-environment variants
COMPOSE_BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
COMPOSE_OVERRIDE = lazy_re(r"^((?:docker-)?compose)\.override\.ya?ml$", needs=("compose.override.",))
COMPOSE_VARIANT = lazy_re(r"^((?:docker-)?compose)[.-](?!override\.)([\w][\w.-]*?)\.ya?ml$", needs=("compose",))


# Swarm stack files (`docker stack deploy -c docker-stack.yml app`): compose documents of their own
SWARM_STACK = lazy_re(r"^docker[-_](?:stack|swarm)(?:[.-][\w][\w.-]*?)?\.ya?ml$", needs=("stack", "swarm"))


def is_compose(name: str) -> bool:
    if not name.endswith((".yml", ".yaml")):  # what every name below ends with (most files: not YAML)
        return False
    return name in COMPOSE_BASE_NAMES or bool(COMPOSE_OVERRIDE.match(name) or COMPOSE_VARIANT.match(name)
                                              or SWARM_STACK.match(name))


# PM2 ecosystem files (the content decides among candidates)
PM2_JS_CONFIG = lazy_re(r".*\.config\.(c|m)?js$", needs=(".config.",))  # what `pm2 start X` reads as a config (PM2's isConfigFile)
PM2_DATA_CONFIG = lazy_re(r".*\.(json|ya?ml)$", needs=(".json", ".yml", ".yaml"))
PM2_CANONICAL = frozenset({"process.json", "ecosystem.json", "pm2.json"})
_PM2_NAME_HINTS = ("ecosystem", "pm2", "process")


def is_pm2_candidate(path: str) -> bool:
    name = posixpath.basename(path)
    return name in PM2_CANONICAL or bool(PM2_JS_CONFIG.match(name)) or bool(
        any(hint in name.lower() for hint in _PM2_NAME_HINTS) and PM2_DATA_CONFIG.match(name))


# Platform configs (Render, Fly, Heroku container stack / app.json, supervisord, systemd,
# Kubernetes, DigitalOcean App Platform). Content checks happen in the format modules.
def is_render(name: str) -> bool:
    return name in ("render.yaml", "render.yml")


def is_captain_definition(name: str) -> bool:  # CapRover (formats/caprover.py)
    return name == "captain-definition"


def is_fly(name: str) -> bool:
    return name == "fly.toml" or (name.startswith("fly.") and bool(re.fullmatch(r"fly\.[\w-]+\.toml", name)))


NOT_FLY_TOML = frozenset({"pyproject.toml", "Cargo.toml", "netlify.toml", "wrangler.toml", "railway.toml", "nixpacks.toml",
                          "railpack.toml", "rustfmt.toml", "taplo.toml", "config.toml", "poetry.toml", "ruff.toml",
                          "shopify.app.toml", "samconfig.toml", "supabase.toml", "vercel.toml"})


def is_other_toml(name: str) -> bool:
    """A .toml file that may be a Fly app config under another name (`fly deploy -c bot.toml`)."""
    return name.endswith(".toml") and name not in NOT_FLY_TOML and not is_fly(name)


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


def is_yaml(name: str) -> bool:  # GitHub Actions workflows: the directory decides (formats/github_actions.py)
    return name.endswith((".yml", ".yaml"))


def is_nixpacks(name: str) -> bool:
    return name in ("nixpacks.toml", "nixpacks.json")


CLAIMS = {
    "railway": is_railway_any,
    "compose": is_compose,
    "procfile": is_procfile,
    "dockerfile": is_dockerfile,
    "pm2": is_pm2_candidate,
    "scripts": is_start_script,
    "render": is_render,
    "fly": is_fly,
    "heroku": is_heroku,
    "supervisord": is_supervisord_candidate,
    "systemd": is_systemd_unit,
    "kubernetes": is_kubernetes_candidate,
    "digitalocean": is_digitalocean,
    "github_actions": is_yaml,
    "caprover": is_captain_definition,
    "nixpacks": is_nixpacks,
}
