"""Round 9 (Python) runner facts: console scripts of workspace members, scripts on the
image's PATH, `python <directory>`."""
from __future__ import annotations

from conftest import scan_json, write_tree

BOT = 'import os, telebot\n\ndef main():\n    telebot.TeleBot(os.environ["T"]).infinity_polling()\n'


def _codes(tmp_path, tree):
    write_tree(tmp_path, tree)
    return sorted(f["code"] for f in scan_json(tmp_path)["findings"])


def test_member_console_script_unique_name(tmp_path):
    tree = {"packages/bot/pyproject.toml": '[project]\nname="b"\n[project.scripts]\nrun-bot = "botpkg.cli:main"\n',
            "packages/bot/botpkg/__init__.py": "", "packages/bot/botpkg/cli.py": BOT,
            "Procfile": "worker: run-bot\nclock: run-bot\n"}
    assert _codes(tmp_path, tree) == ["DPL101"]


def test_member_console_script_ambiguous_and_no_config_in_either_member_is_not_guessed(tmp_path):
    tree = {"a/pyproject.toml": '[project.scripts]\nrun-bot = "botpkg.cli:main"\n',
            "b/pyproject.toml": '[project.scripts]\nrun-bot = "other.cli:main"\n',
            "a/botpkg/__init__.py": "", "a/botpkg/cli.py": BOT,
            "Procfile": "worker: run-bot\nclock: run-bot\n"}
    assert "DPL101" not in _codes(tmp_path, tree)


def test_hostile_member_pyproject_costs_only_its_finding(tmp_path):
    tree = {"x/pyproject.toml": "[project.scripts\nrun-bot = 'p.cli:main'\n", "Procfile": "worker: run-bot\n"}
    assert not [c for c in _codes(tmp_path, tree) if c.startswith("DPL1")]


def _path_tree(path_entry: str) -> dict:
    dockerfile = f'FROM python:3.12\nENV PATH="{path_entry}:${{PATH}}"\nWORKDIR /app\nCOPY . .\nCMD ["run-bot.sh"]\n'
    return {"Dockerfile": dockerfile, "bin/run-bot.sh": "#!/bin/sh\nexec python bot.py\n", "bot.py": BOT + "\nmain()\n",
            "docker-compose.yml": "services:\n  bot:\n    build: .\n    deploy:\n      replicas: 2\n"}


def test_script_on_image_path_in_a_repository_directory(tmp_path):
    assert "DPL102" in _codes(tmp_path, _path_tree("/app/bin"))


def test_script_on_a_system_path_is_not_looked_for_in_the_repository(tmp_path):
    assert "DPL102" not in _codes(tmp_path, _path_tree("/usr/local/bin"))


def test_python_directory_with_main_and_with_nothing(tmp_path):
    tree = {"Procfile": "worker: python3 botdir\nclock: python3 botdir\n",
            "botdir/__main__.py": BOT + "\nmain()\n"}
    assert _codes(tmp_path, tree) == ["DPL101"]
