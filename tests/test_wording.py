"""Every DPL1xx finding speaks of the singleton it is: no polling or webhooks for a
Celery beat, a scheduler, a Discord gateway, an MTProto session or a declared singleton;
and JSON findings name the family and library."""
from __future__ import annotations

import pytest

from conftest import SCENARIOS, scan_json

FAMILIES = {
    "telegram-polling": ["srv-gunicorn-post-fork-bot", "srv-celery-task-starts-polling", "srv-celery-import-time-poller"],
    "mtproto-session": ["srv-celery-autodiscover-session"],
    "whatsapp-session": ["r9n-wwebjs-esm-pm2-cluster", "r9n-baileys-web-and-worker"],
    "discord-gateway": ["srv-gunicorn-python-module-config-discord"],
    "twitch-chat": ["r14n-tmi-client-compose-replicas", "r14n-tmi-call-without-new-pm2-cluster"],
    "celery-beat": ["srv-celery-beat-replicated"],
    "scheduler": ["srv-gunicorn-uppercase-preload", "srv-scheduler-background", "srv-scheduler-two-processes"],
    "user": ["srv-user-singleton-replicated"],
}
LIBRARIES = {"srv-gunicorn-post-fork-bot": "pyTelegramBotAPI", "srv-celery-autodiscover-session": "Telethon",
             "srv-gunicorn-python-module-config-discord": "discord.py", "srv-celery-beat-replicated": "celery",
             "srv-scheduler-background": "schedule", "srv-user-singleton-replicated": None,
             "r9n-wwebjs-esm-pm2-cluster": "whatsapp-web.js", "r9n-baileys-web-and-worker": "Baileys",
             "r14n-tmi-client-compose-replicas": "tmi.js"}


@pytest.mark.parametrize("family,name", [(f, n) for f, names in FAMILIES.items() for n in names])
def test_dpl1xx_wording_fits_the_family(family, name):
    findings = [f for f in scan_json(SCENARIOS / name / "repo")["findings"] if f["code"].startswith("DPL1")]
    assert findings, name
    for finding in findings:
        assert finding["singleton"]["family"] == family, finding
        if name in LIBRARIES:
            assert finding["singleton"]["library"] == LIBRARIES[name], finding
        if family != "telegram-polling":
            text = (finding["message"] + " " + finding["hint"]).lower()
            assert "poll" not in text and "webhook" not in text, finding


def test_wording_table_rows():
    from deploylint.checks.wording import TABLE

    assert set(TABLE) == set(FAMILIES)
    for family, row in TABLE.items():
        assert row.family == family
        words = " ".join(v for v in vars(row).values()).lower()
        if family != "telegram-polling":
            assert "poll" not in words and "webhook" not in words, family
    assert "AUTH_KEY_DUPLICATED" in TABLE["mtproto-session"].clash
    assert "linked device" in TABLE["whatsapp-session"].clash
    assert "-B" in TABLE["celery-beat"].one and "shard" in TABLE["discord-gateway"].alternative
    assert "--preload" in TABLE["scheduler"].alternative
    assert "every chat message" in TABLE["twitch-chat"].clash and "shard" not in TABLE["twitch-chat"].alternative


def test_non_singleton_findings_carry_no_singleton_field():
    report = scan_json(SCENARIOS / "srv-gunicorn-uppercase-preload" / "repo")
    assert [f for f in report["findings"] if f["code"] == "DPL002" and "singleton" not in f]


ALL = sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.txt").exists())


@pytest.mark.parametrize("name", ALL)
def test_plan_agrees_with_the_rules(name):
    """`deploylint plan` says "started more than once" exactly where a duplicate rule fires."""
    from deploylint.engine import scan
    from deploylint.planview import text

    result = scan(SCENARIOS / name / "repo")
    duplicate = {f.code for f in result.findings} & {"DPL101", "DPL102", "DPL104"}
    assert ("started more than once" in text(result.plan)) == bool(duplicate), (name, duplicate)


def test_sarif_results_carry_the_singleton():
    import json

    from conftest import run_cli

    result = run_cli("--format", "sarif", str(SCENARIOS / "srv-celery-beat-replicated" / "repo"))
    # the repo's railway.json also gets the DPL005 deprecation info: look at the DPL1xx result
    (entry,) = [r for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"].startswith("DPL1")]
    assert entry["properties"]["singleton"] == {"family": "celery-beat", "library": "celery"}


@pytest.mark.parametrize("name,library,said,not_said", [
    ("r11g-k8s-telego-rolling-update", "telego", "signal.NotifyContext", "stop_signals"),
    # (python-telegram-bot's run_polling stops on SIGTERM by default: only a bot that turned
    # that off is told how; pf-dokku-checks-overlap's hint says the code already stops)
    ("r13m-render-ptb-no-stop-signals", "python-telegram-bot", "stop_signals", "Telegraf"),
    ("pf-dokku-checks-overlap", "python-telegram-bot", "already stops on the stop signal", "Telegraf"),
])
def test_deploy_overlap_hint_names_the_bots_own_library(name, library, said, not_said):
    """DPL105's 'stop polling on SIGTERM' says how the bot's own library does it."""
    findings = [f for f in scan_json(SCENARIOS / name / "repo")["findings"] if f["code"] == "DPL105"]
    assert findings, name
    for finding in findings:
        assert finding["singleton"]["library"] == library, finding
        assert said in finding["hint"] and not_said not in finding["hint"], finding["hint"]


@pytest.mark.parametrize("name,library,said,not_said", [
    ("r13n-eris-exported-client-pm2-cluster", "Eris", "firstShardID", "ShardingManager"),
    ("r13n-oceanic-client-compose-replicas", "Oceanic.js", "firstShardID", "ShardingManager"),
    ("r13n-tsyringe-resolve-login-k8s-replicas", "discord.js", "ShardingManager", "firstShardID"),
])
def test_discord_sharding_hint_fits_the_library(name, library, said, not_said):
    """DPL102's sharding alternative names what the bot's library has: discord.js's
    ShardingManager, or a shard range per process for Eris and Oceanic.js."""
    findings = [f for f in scan_json(SCENARIOS / name / "repo")["findings"] if f["code"] == "DPL102"]
    assert findings, name
    for finding in findings:
        assert finding["singleton"] == {"family": "discord-gateway", "library": library}, finding
        assert said in finding["hint"] and not_said not in finding["hint"], finding["hint"]
        assert "poll" not in (finding["message"] + finding["hint"]).lower(), finding
