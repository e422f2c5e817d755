"""DPL201 hardcoded-bot-token: a Telegram or Discord bot token written as a literal in a tracked file.

Looks in deploy configs (compose `environment`, Railway, PM2 `env*`, Dockerfile
`ENV`/`ARG`, Procfile commands), `.env*` files git tracks, shell scripts and bot source
(see `deploylint.secrets` for which files and what "tracked" means). Placeholders are
not tokens. The token is only ever printed redacted. Documentation: rules/DPL201.md.
"""
from __future__ import annotations

from ..model import Finding, Severity
from ..secrets import token_uses

CODE = "DPL201"
NAME = "hardcoded-bot-token"
SEVERITY = Severity.ERROR
SUMMARY = "a bot token literal in a tracked file (always printed redacted)"

REVOKE = {
    "telegram": "revoke this token with @BotFather (/revoke: git history keeps the old one) and ",
    "discord": "reset this token in the Discord Developer Portal (your application's Bot page, Reset Token: "
               "git history keeps the old one) and ",
}
# what each copy of the code does with the token
COPIES = {"telegram": "every copy of the code polls with it",
          "discord": "every copy of the code opens one more gateway session with it"}
SERVICE = {"telegram": "Telegram", "discord": "Discord"}
DEFAULT_NAME = {"telegram": "TELEGRAM_BOT_TOKEN", "discord": "DISCORD_TOKEN"}


def check(plan):
    for use in token_uses(plan.repo):
        if not use.tracked:
            continue
        assigned = f" as `{use.variable}`" if use.variable else ""
        yield Finding(
            CODE,
            f"{SERVICE[use.service]} bot token `{use.redacted}` is written{assigned} in {_described(use)}: anyone "
            f"who can read the repository (or the image built from it) can run this bot, and {COPIES[use.service]}",
            use.location,
            REVOKE[use.service] + _fix(use),
        )


def _described(use) -> str:
    if use.kind == "source":
        return f"source code ({use.location.path})"
    if use.kind == "env-file":
        return f"{use.location.path}, which git tracks"
    return use.environment or use.location.path


def _fix(use) -> str:
    name = use.variable if use.variable.isupper() else DEFAULT_NAME[use.service]
    path = use.location.path
    if use.kind == "env-file":
        return (f"stop tracking the file (`git rm --cached {path}`, add it to .gitignore); commit a "
                f"`.env.example` with an empty `{name}=` instead")
    if use.kind == "compose":
        return f"write `{name}: ${{{name}}}` so compose takes the value from the shell or an untracked .env file"
    if use.kind == "dockerfile":
        return (f"remove the value from the Dockerfile (ENV and ARG values are stored in the image's layers); "
                f"pass `{name}` at run time (`docker run -e {name}`, the platform's variables)")
    if use.kind == "pm2":
        return (f"remove it from the ecosystem file and set `{name}` in the server's environment "
                "(PM2 passes its environment to the apps; `--update-env` on restart)")
    if use.kind == "source":
        read = f"process.env.{name}" if not path.endswith(".py") else f'os.environ["{name}"]'
        return f"read it from the environment (`{read}`) and set `{name}` in the platform's variables"
    base = path.rsplit("/", 1)[-1]
    if base in ("render.yaml", "render.yml"):
        return (f"replace its `value:` with `sync: false` and set `{name}` in the service's Environment on the "
                "Render dashboard")
    if base == "app.json":
        return (f"replace its `value` with `\"required\": true` and set `{name}` with `heroku config:set {name}=...` "
                "(or in the app's Config Vars)")
    if "/.railway/" in f"/{path}":
        return (f"remove the value from {path}; set `{name}` in the service's variables on Railway "
                "(`preserve()` keeps a value that is already set there without writing it into the file)")
    return f"set `{name}` in the platform's variables or secret store and read `${name}` here"
