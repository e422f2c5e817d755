"""`--fix`, `--unsafe-fixes`, `--diff`: minimal edits, re-checked, idempotent, through
the real CLI; the untouched bytes of every file stay as they were."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

POLLER = "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['T'])\nbot.infinity_polling()\n"

CASES = {
    "compose": ("docker-compose.yml",
                "# the bot\nservices:\n  bot:\n    image: python:3.12   # slim later\n    command: python bot.py\n"
                "    deploy:\n      replicas: 3  # three for safety (!)\n",
                "      replicas: 1  # three for safety (!)\n"),
    "railway-json": ("railway.json",
                     '{\n  "$schema": "https://railway.com/railway.schema.json",\n  "deploy": {\n'
                     '    "startCommand": "python bot.py",\n    "numReplicas": 2\n  }\n}\n',
                     '    "numReplicas": 1\n'),
    "railway-toml": ("railway.toml",
                     '[deploy]\n# keep it simple\nstartCommand = "python bot.py"\nnumReplicas = 2 # two\n',
                     "numReplicas = 1 # two\n"),
    "pm2-js": ("ecosystem.config.js",
               'module.exports = {\n  apps: [{\n    name: "bot", // the bot\n    script: "bot.py",\n'
               '    interpreter: "python3",\n    instances: "max",\n  }],\n};\n',
               "    instances: 1,\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fix_diff_and_idempotence(tree, case):
    name, content, fixed_line = CASES[case]
    root = tree({name: content, "bot.py": POLLER})
    before = json.loads(run_cli("--format", "json", str(root)).stdout)["findings"]
    (finding,) = [f for f in before if f["code"] == "DPL102"]
    assert finding["fix"]["applicability"] == "safe"

    diff = run_cli("--diff", cwd=root)
    assert diff.returncode == 1 and f"+++ b/{name}" in diff.stdout and "+" + fixed_line.rstrip("\n") in diff.stdout
    assert (root / name).read_text() == content  # --diff changes nothing

    fixed = run_cli("--fix", "--format", "json", str(root))
    assert "fixed DPL102" in fixed.stderr
    assert "DPL102" not in [f["code"] for f in json.loads(fixed.stdout)["findings"]]
    new = (root / name).read_text()
    old_lines, new_lines = content.splitlines(keepends=True), new.splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    assert len(old_lines) == len(new_lines) and len(changed) == 1  # one line; comments and the rest kept
    assert new_lines[changed[0]] == fixed_line

    again = run_cli("--fix", str(root))
    assert "fixed" not in again.stderr and (root / name).read_text() == new
    assert run_cli("--diff", str(root)).returncode == 0


def test_unsafe_fixes_only_when_asked(tree):
    root = tree({"Procfile": "web: gunicorn --workers 4 app:app\n",
                 "app.py": "from flask import Flask\nimport bot\napp = Flask(__name__)\n", "bot.py": POLLER})
    (finding,) = [f for f in json.loads(run_cli("--format", "json", str(root)).stdout)["findings"]
                  if f["code"] == "DPL104"]
    assert finding["fix"]["applicability"] == "unsafe"
    assert run_cli("--diff", str(root)).stdout == ""
    run_cli("--fix", str(root))
    assert (root / "Procfile").read_text() == "web: gunicorn --workers 4 app:app\n"
    unsafe = run_cli("--fix", "--unsafe-fixes", str(root))
    assert (root / "Procfile").read_text() == "web: gunicorn --workers 1 app:app\n", unsafe.stderr


def test_a_web_service_is_not_scaled_down_by_a_safe_fix(tree):
    root = tree({"docker-compose.yml": "services:\n  web:\n    image: python:3.12\n"
                                       "    command: gunicorn -w 1 app:app\n    deploy:\n      replicas: 2\n",
                 "app.py": "from flask import Flask\nimport bot\napp = Flask(__name__)\n", "bot.py": POLLER})
    findings = json.loads(run_cli("--format", "json", str(root)).stdout)["findings"]
    fixes = [f["fix"]["applicability"] for f in findings if f.get("fix")]
    assert fixes and set(fixes) == {"unsafe"}


def test_a_fix_that_fails_its_recheck_is_refused(tree):
    from deploylint import fix
    from deploylint.engine import scan
    from deploylint.model import Edit, Fix

    root = tree({"railway.json": '{"deploy": {"startCommand": "python bot.py", "numReplicas": 2}}\n',
                 "bot.py": POLLER})
    result = scan(root)
    (finding,) = [f for f in result.findings if f.code == "DPL102"]
    # an edit that breaks the file: the re-check sees a parse error (a new finding)
    finding.fix = Fix("safe", "break it", (Edit("railway.json", 1, 1, 1, 2, "["),))
    outcome = fix.plan(result, None, unsafe=False)
    assert outcome.texts == {} and [f.code for f, _ in outcome.refused] == ["DPL102"]


def test_rule_listing_says_which_rules_fix():
    table = json.loads(run_cli("rule", "--all", "--format", "json").stdout)
    fixes = {row["code"]: row["fix"] for row in table}
    assert fixes["DPL102"] == "sometimes" and fixes["DPL201"] == "never"


def test_fixable_rules_document_their_fix():
    from deploylint import rulepages
    from deploylint.checks import RULES, rule

    for code in RULES:
        if getattr(rule(code), "FIX", "never") != "never":
            assert "**Fix availability:**" in (rulepages.section(rulepages.page(code), "Fix") or ""), code


def test_pm2_cluster_goes_to_one_fork_instance(tree):
    content = ('module.exports = {\n  apps: [{\n    name: "bot",\n    script: "bot.py",\n'
               '    interpreter: "python3",\n    instances: 4,\n    exec_mode: "cluster", // scale later\n  }],\n};\n')
    root = tree({"ecosystem.config.js": content, "bot.py": POLLER})
    fixed = run_cli("--fix", str(root))
    assert "fixed DPL102" in fixed.stderr
    assert (root / "ecosystem.config.js").read_text() == content.replace("instances: 4", "instances: 1").replace(
        '"cluster"', '"fork"')


def test_backgrounded_copy_is_removed_only_as_an_unsafe_fix(tree):
    root = tree({"Procfile": "web: python bot.py & gunicorn app:app\nworker: python bot.py\n", "bot.py": POLLER,
                 "app.py": "from flask import Flask\napp = Flask(__name__)\n"})
    (finding,) = [f for f in json.loads(run_cli("--format", "json", str(root)).stdout)["findings"]
                  if f["code"] == "DPL103"]
    assert finding["fix"]["applicability"] == "unsafe"
    run_cli("--fix", str(root))
    assert (root / "Procfile").read_text().startswith("web: python bot.py & gunicorn")
    run_cli("--fix", "--unsafe-fixes", str(root))
    assert (root / "Procfile").read_text() == "web: gunicorn app:app\nworker: python bot.py\n"
    # without a worker that runs the bot, removing it would stop the bot: no fix
    lone = tree({"Procfile": "web: python bot.py & gunicorn app:app\n", "bot.py": POLLER,
                 "app.py": "from flask import Flask\napp = Flask(__name__)\n"})
    (finding,) = [f for f in json.loads(run_cli("--format", "json", str(lone)).stdout)["findings"]
                  if f["code"] == "DPL103"]
    assert "fix" not in finding


def test_every_rule_page_states_its_fix_availability():
    from deploylint import rulepages
    from deploylint.checks import RULES, rule

    for code in RULES:
        text = rulepages.section(rulepages.page(code), "Fix") or ""
        assert f"**Fix availability:** {getattr(rule(code), 'FIX', 'never')}" in text, code
