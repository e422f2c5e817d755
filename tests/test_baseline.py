"""Baseline: adopt deploylint in a repository with existing findings, then see only new
ones. Through the real CLI."""
from __future__ import annotations

import json

from conftest import run_cli

POLLER = "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['T'])\nbot.infinity_polling()\n"
COMPOSE = ("services:\n  bot:\n    image: python:3.12\n    command: python bot.py\n    deploy:\n"
           "      replicas: {n}\n")


def codes(result) -> list[str]:
    return sorted(f"{f['code']} {f['path']}:{f['line']}" for f in json.loads(result.stdout)["findings"])


def test_only_edited_and_new_findings_come_back(tree):
    root = tree({"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER,
                 "docker-compose.yml": COMPOSE.format(n=2)})
    before = run_cli("--format", "json", str(root))
    assert codes(before) == ["DPL101 Procfile:2", "DPL102 docker-compose.yml:6"]
    written = run_cli("--write-baseline", str(root / "baseline.json"), str(root))
    assert written.returncode == 0 and "recorded 2 findings" in written.stderr
    assert run_cli("--baseline", str(root / "baseline.json"), str(root)).returncode == 0

    # lines move: still hidden
    (root / "Procfile").write_text("# processes\n\nweb: python bot.py\nworker: python bot.py\n")
    assert run_cli("--baseline", str(root / "baseline.json"), str(root)).returncode == 0
    # one finding's line is edited, and a new duplicate appears
    (root / "docker-compose.yml").write_text(COMPOSE.format(n=3))
    (root / "pm2.json").write_text('{"apps": [{"name": "bot", "script": "bot.py", "interpreter": "python3", '
                                   '"instances": 2}]}\n')
    after = run_cli("--format", "json", "--baseline", str(root / "baseline.json"), str(root))
    assert after.returncode == 1
    found = codes(after)
    assert "DPL102 docker-compose.yml:6" in found  # edited: back
    assert any(c.startswith("DPL102 pm2.json") for c in found)  # new
    assert not any(c.startswith("DPL101") for c in found)  # moved: still hidden
    # the entry of the edited finding matches nothing now: listed so the file shrinks
    assert any(c.startswith("DPL901 baseline.json:") for c in found)


def test_baseline_from_the_settings_and_its_fingerprint_is_sarifs(tree):
    root = tree({"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER})
    run_cli("--write-baseline", str(root / "known.json"), str(root))
    (root / ".deploylint.toml").write_text('baseline = "known.json"\n')
    assert run_cli(str(root)).returncode == 0
    assert run_cli("--isolated", str(root)).returncode == 1
    recorded = json.loads((root / "known.json").read_text())["findings"][0]["fingerprint"]
    sarif = json.loads(run_cli("--isolated", "--format", "sarif", str(root)).stdout)
    (result,) = sarif["runs"][0]["results"]
    assert next(iter(result["partialFingerprints"].values())).split(":")[0] == recorded


def test_a_bad_baseline_is_a_usage_error(tree):
    root = tree({"Procfile": "worker: python bot.py\n", "bad.json": "{not json", "other.json": '{"a": 1}'})
    for name in ("missing.json", "bad.json", "other.json"):
        result = run_cli("--baseline", str(root / name), str(root))
        assert result.returncode == 2 and "baseline" in result.stderr and "Traceback" not in result.stderr


def test_baseline_never_stores_a_token(tree):
    token = "7012345678:AAHq3Zk9Lm2Np8Rt5Vw7Xy1Bc4Df6Gh0Jk3"
    root = tree({"bot.py": f"import telebot\nbot = telebot.TeleBot('{token}')\nbot.infinity_polling()\n"})
    run_cli("--write-baseline", str(root / "b.json"), str(root))
    text = (root / "b.json").read_text()
    assert "DPL201" in text and token not in text and token.split(":")[1] not in text
