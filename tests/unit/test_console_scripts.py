"""Console scripts declared in pyproject.toml ([project.scripts], [tool.poetry.scripts])."""
from __future__ import annotations

from conftest import scan_json, write_tree

BOT = 'import os, telebot\n\ndef main():\n    telebot.TeleBot(os.environ["T"]).infinity_polling()\n'


def plan_kinds(tmp_path, pyproject: str, procfile: str) -> list[dict]:
    write_tree(tmp_path, {"pyproject.toml": pyproject, "Procfile": procfile, "app/__init__.py": "", "app/cli.py": BOT})
    return scan_json(tmp_path)["findings"]


def test_poetry_table_form_and_replicated_worker(tmp_path):
    pyproject = '[tool.poetry.scripts]\nrun-bot = { reference = "app.cli:main", type = "console" }\n'
    findings = plan_kinds(tmp_path, pyproject, "worker: run-bot\nclock: run-bot\n")
    assert [f["code"] for f in findings] == ["DPL101"]


def test_broken_pyproject_declares_nothing_and_is_reported_once(tmp_path):
    """Two process types ask for the console scripts; the syntax error is one DPL001 at
    the parser's position (the shared TOML reader, memoised per file)."""
    findings = plan_kinds(tmp_path, '[project.scripts\nrun-bot = "app.cli:main"\n', "worker: run-bot\nclock: run-bot\n")
    assert not [f for f in findings if f["code"].startswith("DPL1")]
    broken = [f for f in findings if f["code"] == "DPL001"]
    assert [(f["path"], f["line"]) for f in broken] == [("pyproject.toml", 1)]


def test_hostile_pyproject_costs_one_finding(tmp_path):
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n[project.scripts]\nrun-bot = 'app.cli:main'\n"
    findings = plan_kinds(tmp_path, deep, "worker: run-bot\n")
    assert [f["code"] for f in findings if f["path"] == "pyproject.toml"] in (["DPL006"], ["DPL001"])
    assert not [f for f in findings if f["code"].startswith("DPL1")]


def test_pyproject_without_scripts_is_not_parsed(tmp_path):
    findings = plan_kinds(tmp_path, '[tool.black\nline-length = 100\n', "worker: run-bot\n")
    assert not [f for f in findings if f["path"] == "pyproject.toml"]


def test_reference_outside_the_repository_is_not_followed(tmp_path):
    findings = plan_kinds(tmp_path, '[project.scripts]\nrun-bot = "vendor_pkg.cli:main"\n', "worker: run-bot\nclock: run-bot\n")
    assert not [f for f in findings if f["code"].startswith("DPL1")]


def test_no_pyproject_is_no_finding(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: run-bot\n"})
    assert [f["code"] for f in scan_json(tmp_path)["findings"]] == []
