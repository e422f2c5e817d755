"""Hints fit the language of the code that starts the singleton."""
from deploylint.checks import wording
from deploylint.model import Evidence, Location


def evidence(path: str, kind: str = "scheduler", family: str = "scheduler:x", name: str = "node-cron job `* * * * *`"):
    return Evidence(kind, name, Location(path, 3, 1), family=family)


def test_node_scheduler_hint_is_about_node_and_pm2():
    words = wording.of(evidence("src/jobs.ts"))
    assert "node scheduler.js" in words.one
    assert "NODE_APP_INSTANCE" in words.alternative
    assert "gunicorn" not in words.alternative and "python" not in words.one


def test_python_scheduler_hint_unchanged():
    words = wording.of(evidence("app/jobs.py", name="APScheduler BackgroundScheduler"))
    assert "python scheduler.py" in words.one
    assert "gunicorn" in words.alternative


def test_node_polling_hint_names_a_node_worker():
    words = wording.of(evidence("bot.mjs", kind="polling", family="telegram", name="Telegram polling (telegraf)"))
    assert "node bot.js" in words.separate
    assert words.family == "telegram-polling"
    assert "webhooks" in words.alternative  # unchanged field


def test_discord_js_sharding_hint():
    words = wording.of(evidence("index.js", kind="gateway", family="discord", name="Discord gateway (discord.js)"))
    assert "ShardingManager" in words.alternative
    assert "AutoShardedClient" not in words.alternative
