"""DPL202 shared-bot-token: one bot token literal used by two environments or services.

Environments are what `deploylint.secrets` finds around a token: each `.env*` file
(untracked ones included: a local `.env` counts), each Procfile process type, each
compose service, each PM2 `env`/`env_<name>` block, each Railway environment, each other
config or script file. Telegram gives updates to one getUpdates caller per token, so two
environments with one token are two pollers (or a poller that steals a webhook's
updates); Discord sends every event to every gateway session of a token, so two
environments with one Discord token answer every command twice. Source code is not an
environment: a token there is DPL201's business; nor is a template of an env file
(`.env.example`, `.env.sample`, `.env.template`, `.env.dist`), copied by hand and never run,
nor `.env.build`, the variables of a build, which no process runs with.
Documentation: rules/DPL202.md.
"""
from __future__ import annotations


from ..model import Finding, Severity, Step
from ..secrets import token_uses
from ..patterns import lazy_re

CODE = "DPL202"
NAME = "shared-bot-token"
SEVERITY = Severity.WARNING
SUMMARY = "one token literal used by two environments/services"


def check(plan):
    by_token: dict[str, list] = {}
    for use in token_uses(plan.repo):
        if use.environment_key and not _TEMPLATE.search(use.location.path.rsplit("/", 1)[-1]) \
                and not _BUILD_ONLY.search(use.location.path.rsplit("/", 1)[-1]):
            by_token.setdefault(use.token, []).append(use)
    for uses in by_token.values():
        # one use per environment; the reference is the most production-like place, so the
        # finding lands on the copy that should get its own bot
        first_of: dict[tuple, object] = {}
        for use in sorted(uses, key=_rank):
            first_of.setdefault(use.environment_key, use)
        places = list(first_of.values())
        reference = places[0]
        for other in places[1:]:
            yield _finding(reference, other, len(places))


# a template of an env file (`.env.example`, `.env.sample`, `.env_template`, `.env.dist`):
# copied by hand, never run as it is; the token in it is DPL201's leak, not an environment
_TEMPLATE = lazy_re(r"(?i)^\.env[._-]?(.*[._-])?(example|sample|template|dist|tmpl|tpl)([._-].*)?$")
# the variables of a build (`.env.build`: `next build`, `docker build --env-file`): no
# process runs with it, so it is no second environment of the bot
_BUILD_ONLY = lazy_re(r"(?i)^\.env[._-]build$")
_SECONDARY = lazy_re(r"(?i)override|local|dev|test|stag|example|sample|preview|ci\b")


def _rank(use):
    return (not use.tracked, bool(_SECONDARY.search(use.environment)), use.location.path, use.location.line)


_WHY = {
    "telegram": "two environments with one token run one bot twice: if both poll, Telegram answers one of them "
                "409 Conflict; if one sets a webhook, it takes the updates away from the other",
    "discord": "two environments with one token are two gateway sessions of one bot, and Discord sends every "
               "event to both, so each command is answered twice",
}
_NEW_BOT = {
    "telegram": "create a separate bot for each environment with @BotFather (/newbot: a test bot for local and "
                "staging use)",
    "discord": "create a separate application for each environment in the Discord Developer Portal (a test bot "
               "invited to a test server for local and staging use)",
}


def _finding(reference, other, count: int) -> Finding:
    more = f" ({count} environments in all)" if count > 2 else ""
    local = " (a local file git does not track)" if not other.tracked else ""
    service = "Discord" if other.service == "discord" else "Telegram"
    return Finding(
        CODE,
        f"{service} bot token `{other.redacted}` in {other.environment}{local} is also used by "
        f"{reference.environment} ({reference.where}){more}: {_WHY[other.service]}",
        other.location,
        f"{_NEW_BOT[other.service]} and give each environment its own token; keep the production token only in "
        "production's secret store",
        [Step(reference.location, f"the same token in {reference.environment}"),
         Step(other.location, f"and in {other.environment}")],
    )
