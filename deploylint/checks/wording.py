"""How the rules talk about each kind of singleton (not a rule itself).

One row per family: what two copies of it do to each other and how to run exactly one.
Every DPL1xx rule builds its message and hint from this table, so a Celery beat finding
never talks about polling and a scheduler finding never suggests webhooks.
"""
from __future__ import annotations

from ..record import dataclass, replace

from ..model import Evidence
from ..patterns import lazy_re


@dataclass(frozen=True)
class Wording:
    family: str  # the JSON `singleton.family`
    copies: str  # plural noun for running copies: "pollers", "beat schedulers"
    clash: str  # what two copies do to each other
    one: str  # how to run exactly one
    separate: str  # move it out of a multi-copy process
    other_side: str  # what the other processes should do instead (DPL101)
    alternative: str  # another way out ("" when there is none)
    stop: str  # stop it on SIGTERM (deploy overlap)


TABLE: dict[str, Wording] = {
    "telegram-polling": Wording(
        "telegram-polling", "pollers",
        "Telegram answers all but one getUpdates call with 409 Conflict, and updates are lost or handled twice",
        "run exactly one polling process (set replicas/instances to 1)",
        "start polling in a separate process with one copy (e.g. Procfile `worker: python bot.py`)",
        "import the handlers without starting polling",
        "or switch the bot to webhooks, which any number of copies can serve",
        "stop polling as soon as the old copy gets SIGTERM"),
    "mtproto-session": Wording(
        "mtproto-session", "clients on one session file",
        "two connections with one session make Telegram revoke its auth key (AUTH_KEY_DUPLICATED), which destroys "
        "the session and forces a new login",
        "run exactly one process per session file",
        "start the client in a separate process with one copy",
        "do not start the client: let the one process that owns the session do that work",
        "or give every process a session of its own (a separate login and session file)",
        "disconnect the client as soon as the old copy gets SIGTERM"),
    "whatsapp-session": Wording(
        "whatsapp-session", "connections on one WhatsApp session",
        "WhatsApp keeps one connection per linked device: each new connection makes the server close the other "
        "(conflict / connection replaced), and reconnect logic makes the copies take the session from each other",
        "run exactly one process per WhatsApp session",
        "open the WhatsApp session in a separate process with one copy",
        "do not open the session: let the one process that owns it send and receive",
        "or give every process a session of its own (its own linked device and auth directory)",
        "close the WhatsApp connection as soon as the old copy gets SIGTERM"),
    "discord-gateway": Wording(
        "discord-gateway", "gateway connections",
        "every connection receives every event, so the bot answers each command once per copy",
        "run exactly one bot process",
        "connect to the gateway in a separate process with one copy",
        "do not connect to the gateway (send through the REST API if it only posts messages)",
        "or shard the bot: one process with AutoShardedClient, or each process its own shard_id of shard_count",
        "close the gateway connection as soon as the old copy gets SIGTERM"),
    "twitch-chat": Wording(
        "twitch-chat", "chat connections of one Twitch account",
        "Twitch accepts every connection of the account and each gets every chat message, so the bot answers each "
        "command once per copy",
        "run exactly one bot process per Twitch account",
        "connect to Twitch chat in a separate process with one copy",
        "do not connect to chat (send through the Twitch API if it only posts messages)",
        "",
        "disconnect from chat as soon as the old copy gets SIGTERM"),
    "celery-beat": Wording(
        "celery-beat", "beat schedulers",
        "each beat sends every periodic task, so every scheduled task runs once per beat",
        "run exactly one `celery beat` process with one copy, or `-B` on exactly one worker with one copy",
        "run beat as its own process (`celery -A proj beat`) with one copy and keep the workers without `-B`",
        "run workers without `-B` and no `celery beat`",
        "",
        "stop beat as soon as the old copy gets SIGTERM"),
    "scheduler": Wording(
        "scheduler", "schedulers",
        "each copy runs every job, so every scheduled job runs once per copy",
        "run the scheduler in a dedicated process with one copy (e.g. Procfile `clock: python scheduler.py`)",
        "start the scheduler in a dedicated process with one copy (e.g. Procfile `clock: python scheduler.py`)",
        "do not start the scheduler",
        "or start it at import time under gunicorn `--preload` (once, in the master), or make the jobs take a "
        "lock every copy sees (a Redis or database job-store lock)",
        "shut the scheduler down as soon as the old copy gets SIGTERM"),
    "user": Wording(
        "user", "copies",
        "it is declared as must-run-once (`singletons` setting)",
        "run exactly one copy of it",
        "run it as a process of its own with one copy",
        "do not start it",
        "",
        "stop it as soon as the old copy gets SIGTERM"),
}


def family(evidence: Evidence) -> str:
    """The JSON family of a piece of evidence (Evidence.family is finer: per session, per job)."""
    raw = evidence.family
    if raw == "telegram":
        return "telegram-polling"
    if raw.startswith("mtproto"):
        return "mtproto-session"
    if raw.startswith("whatsapp"):
        return "whatsapp-session"
    if raw == "twitch":
        return "twitch-chat"
    if raw == "discord" or evidence.kind == "gateway":
        return "discord-gateway"
    if raw.startswith("celery-beat") or evidence.kind == "beat":
        return "celery-beat"
    if raw.startswith("scheduler") or evidence.kind == "scheduler":
        return "scheduler"
    if raw.startswith("user") or evidence.kind == "user-singleton":
        return "user"
    return "telegram-polling" if evidence.kind in ("polling", "polling-fallback") else "user"


_LIBRARY = lazy_re(r"\(([^()]+)\)\s*$")


def library(evidence: Evidence) -> str | None:
    """"python-telegram-bot" from "Telegram polling (python-telegram-bot)"."""
    name = evidence.singleton
    kind = family(evidence)
    if kind == "celery-beat":
        return "celery"
    if kind == "user":
        return None
    match = _LIBRARY.search(name)
    if match:
        text = match.group(1)
        return "schedule" if text.startswith("schedule.") else text
    for known in ("APScheduler", "Flask-APScheduler", "node-cron", "node-schedule", "croner", "cron", "Bree"):
        if name.startswith(known):
            return known
    return None


_JS_SUFFIXES = (".js", ".cjs", ".mjs", ".ts", ".cts", ".mts", ".jsx", ".tsx")

# A Node.js/TypeScript singleton gets Node advice: a Procfile `node` process, discord.js
# sharding, one PM2 instance. Only the fields that differ from TABLE are written here.
_JS: dict[str, dict[str, str]] = {
    "telegram-polling": {
        "separate": "start polling in a separate process with one copy (e.g. Procfile `worker: node bot.js`)",
    },
    "discord-gateway": {
        "alternative": "or shard the bot: one discord.js ShardingManager process spawns each shard once",
    },
    "scheduler": {
        "one": "run the scheduler in a dedicated process with one copy (e.g. Procfile `clock: node scheduler.js`)",
        "separate": "start the scheduler in a dedicated process with one copy (e.g. Procfile `clock: node scheduler.js`)",
        "alternative": "or, under PM2 cluster mode, schedule the jobs in instance 0 only (`process.env.NODE_APP_INSTANCE "
                       "=== '0'`), or make the jobs take a lock every copy sees (a Redis lock, or a BullMQ/Agenda queue)",
    },
}


# Task-queue schedulers (code/task_queues.py) get their own CLI's way of running one.
_QUEUES: dict[str, dict[str, str]] = {
    "scheduler:huey:": {
        "copies": "huey consumers that enqueue periodic tasks",
        "clash": "each huey consumer's scheduler enqueues every periodic task, so every periodic task runs once "
                 "per consumer",
        "one": "let exactly one huey consumer (one copy) enqueue periodic tasks and start every other consumer "
               "with `-n` (`--no-periodic`)",
        "separate": "let exactly one huey consumer (one copy) enqueue periodic tasks and start every other consumer "
                    "with `-n` (`--no-periodic`)",
        "other_side": "start the other consumers with `-n` (`--no-periodic`)",
        "alternative": "",
        "stop": "stop the consumer as soon as the old copy gets SIGTERM",
    },
    "scheduler:periodiq:": {
        "copies": "periodiq schedulers",
        "clash": "each periodiq process sends every periodic actor, so every periodic task runs once per copy",
        "one": "run exactly one `periodiq` process with one copy (dramatiq workers can have any number)",
        "separate": "run `periodiq` as its own process with one copy",
        "other_side": "do not run `periodiq` there",
        "alternative": "",
        "stop": "stop periodiq as soon as the old copy gets SIGTERM",
    },
}


def _is_js(evidence: Evidence) -> bool:
    path = evidence.location.path if evidence.location is not None else ""
    return path.lower().endswith(_JS_SUFFIXES)


def of(evidence: Evidence) -> Wording:
    kind = family(evidence)
    words = TABLE[kind]
    changes = _JS.get(kind) if _is_js(evidence) else None
    if changes and kind == "discord-gateway" and "(discord.js)" not in evidence.singleton:
        # Eris, Oceanic.js: no ShardingManager; each process can own a range of shards
        changes = {"alternative": "or shard the bot: give each process its own shards (`firstShardID`/`lastShardID` "
                                  "with the same `maxShards`)"}
    if changes:
        return replace(words, **changes)
    if kind == "scheduler" and evidence.family.startswith("scheduler:"):
        queue = next((v for k, v in _QUEUES.items() if evidence.family.startswith(k)), None)
        if queue:
            return replace(words, **queue)
    return words


def singleton(evidence: Evidence) -> tuple[str, str | None]:
    """(family, library) for Finding.singleton."""
    return family(evidence), library(evidence)


def started(evidence: Evidence, entry: str | None) -> str:
    """Where a per-worker singleton starts: "in gunicorn's `post_fork` hook (...)",
    "when Celery task `x` runs", or "when app.py is imported or starts up"."""
    return evidence.context or f"when {entry or 'the app'} is imported or starts up"
