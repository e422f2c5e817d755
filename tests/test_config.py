"""Configuration through the real CLI: where it is found, what each key does, and the
one-line errors for bad files."""
from __future__ import annotations

import pytest

from conftest import run_cli, scan_json

# Two Procfile types that both run Celery beat: DPL101 on line 2, no Python scanner needed.
TWICE = "web: celery -A app beat\nworker: celery -A app beat\n"


def codes(report: dict) -> list[str]:
    return sorted(f"{f['code']} {f['path']}:{f['line']}" for f in report["findings"])


def test_no_config_reports_the_duplicate(tree):
    root = tree({"Procfile": TWICE})
    assert codes(scan_json(root)) == ["DPL101 Procfile:2"]


def test_pyproject_table_is_read(tree):
    root = tree({"Procfile": TWICE, "pyproject.toml": '[project]\nname = "x"\n\n[tool.deploylint]\nignore = ["DPL101"]\n'})
    result = run_cli(str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_pyproject_without_table_is_skipped_for_a_dot_file_above(tree):
    root = tree({"app/Procfile": TWICE, "app/pyproject.toml": '[project]\nname = "x"\n',
                 ".deploylint.toml": 'ignore = ["DPL1"]\n'})
    assert codes(scan_json(root / "app")) == []


def test_dot_file_wins_over_pyproject_in_the_same_directory(tree):
    root = tree({"Procfile": TWICE, ".deploylint.toml": 'select = ["DPL3"]\n',
                 "pyproject.toml": '[tool.deploylint]\nselect = ["DPL1"]\n'})
    assert codes(scan_json(root)) == []


def test_config_is_found_by_walking_up_from_the_scanned_path(tree):
    root = tree({"services/bot/Procfile": TWICE, "pyproject.toml": '[tool.deploylint]\nignore = ["DPL101"]\n'})
    assert codes(scan_json(root / "services" / "bot")) == []


def test_config_option_and_isolated_override_discovery(tree):
    root = tree({"Procfile": TWICE, ".deploylint.toml": 'ignore = ["DPL101"]\n',
                 "ci/strict.toml": 'select = ["DPL1"]\nfail-on = "error"\n'})
    assert codes(scan_json(root)) == []
    assert codes(scan_json(root, "--config", str(root / "ci" / "strict.toml"))) == ["DPL101 Procfile:2"]
    assert codes(scan_json(root, "--isolated")) == ["DPL101 Procfile:2"]


def test_severity_and_fail_on(tree):
    root = tree({"Procfile": TWICE, ".deploylint.toml": 'severity = {DPL101 = "warning"}\nfail-on = "error"\n'})
    report = scan_json(root)
    assert [f["severity"] for f in report["findings"]] == ["warning"]
    assert run_cli(str(root)).returncode == 0  # a warning is below fail-on = "error"
    assert run_cli("--fail-on", "warning", str(root)).returncode == 1  # the command line wins


def test_severity_prefix_then_specific_code(tree):
    root = tree({"Procfile": TWICE, ".deploylint.toml": 'severity = {DPL101 = "error", DPL1 = "info"}\n'})
    assert [f["severity"] for f in scan_json(root)["findings"]] == ["error"]


def test_per_file_ignores_are_relative_to_the_config_directory(tree):
    root = tree({"svc/Procfile": TWICE, "other/Procfile": TWICE,
                 ".deploylint.toml": 'per-file-ignores = {"svc/Procfile" = ["DPL101"]}\n'})
    assert codes(scan_json(root)) == ["DPL101 other/Procfile:2"]
    # scanning only svc/ still sees the entry, rebased onto the scanned root
    assert codes(scan_json(root / "svc")) == []


def test_per_file_ignores_basename_pattern(tree):
    root = tree({"a/Procfile": TWICE, ".deploylint.toml": 'per-file-ignores = {"Procfile" = ["DPL1"]}\n'})
    assert codes(scan_json(root)) == []


def test_extend_exclude_skips_a_directory(tree):
    root = tree({"legacy/Procfile": TWICE, "Procfile": "web: celery -A app worker\n",
                 "pyproject.toml": '[tool.deploylint]\nextend-exclude = ["legacy/"]\n'})
    assert codes(scan_json(root)) == []


def test_extend_exclude_anchored_pattern_is_rebased(tree):
    root = tree({"svc/legacy/Procfile": TWICE, ".deploylint.toml": 'extend-exclude = ["/svc/legacy"]\n'})
    assert codes(scan_json(root)) == []
    assert codes(scan_json(root / "svc")) == []


@pytest.mark.parametrize("content, expected", [
    ('selct = ["DPL1"]\n', "unknown key `selct` (did you mean `select`?)"),
    ('per_file_ignores = {}\n', "did you mean `per-file-ignores`?"),
    ('select = ["DPL999"]\n', "`select`: `DPL999` is not a deploylint rule code"),
    ('ignore = "DPL101"\n', None),  # a comma string is accepted
    ('fail-on = "fatal"\n', "`fail-on`: `fatal` is not a severity"),
    ('severity = {DPL101 = "loud"}\n', "`loud` is not a severity"),
    ('severity = {DPL777 = "info"}\n', "`DPL777` is not a deploylint rule code"),
    ('severity = "warning"\n', "`severity` must be a table"),
    ('per-file-ignores = {"a/*" = "DPL101x"}\n', "`per-file-ignores` entry \"a/*\": `DPL101x` is not a deploylint rule code"),
    ('per-file-ignores = ["a"]\n', "`per-file-ignores` must be a table"),
    ('singletons = "bot.py"\n', "`singletons` must be a list of non-empty strings"),
    ('extend-exclude = [1]\n', "`extend-exclude` must be a list of non-empty strings"),
    ('require-reason = "yes"\n', "`require-reason` must be true or false"),
    ('select = [\n', "invalid TOML"),
])
def test_bad_config_is_a_one_line_error_naming_file_and_key(tree, content, expected):
    root = tree({"Procfile": TWICE, ".deploylint.toml": content})
    result = run_cli(str(root))
    if expected is None:
        assert result.returncode in (0, 1), result.stderr
        return
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert ".deploylint.toml" in lines[0] and expected in lines[0], lines[0]


def test_bad_pyproject_table_names_the_section(tree):
    root = tree({"Procfile": TWICE, "pyproject.toml": '[tool.deploylint]\nfail_on = "error"\n'})
    result = run_cli(str(root))
    assert result.returncode == 2
    assert "pyproject.toml [tool.deploylint]: unknown key `fail_on` (did you mean `fail-on`?)" in result.stderr


def test_bad_command_line_code_is_a_usage_error(tree):
    root = tree({"Procfile": TWICE})
    result = run_cli("--select", "DPL1,XYZ", str(root))
    assert result.returncode == 2
    assert "--select: `XYZ` is not a deploylint rule code" in result.stderr


def test_missing_config_file(tree):
    root = tree({"Procfile": TWICE})
    result = run_cli("--config", str(root / "nope.toml"), str(root))
    assert result.returncode == 2 and "nope.toml" in result.stderr


def test_show_config_prints_values_and_their_sources(tree):
    root = tree({"Procfile": TWICE, "pyproject.toml":
                 '[tool.deploylint]\nselect = ["DPL1"]\nsingletons = ["celery * beat"]\n'})
    result = run_cli("--show-config", "--fail-on", "error", cwd=root)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "# config file: pyproject.toml" in out
    assert 'select = ["DPL1"]  # pyproject.toml' in out
    assert 'singletons = ["celery * beat"]  # pyproject.toml' in out
    assert 'fail-on = "error"  # command line (--fail-on)' in out
    assert "ignore = []  # default" in out
    # the output is valid TOML a user can paste into pyproject.toml
    import tomllib

    assert tomllib.loads(out)["tool"]["deploylint"]["select"] == ["DPL1"]


def test_show_config_isolated(tree):
    root = tree({".deploylint.toml": 'select = ["DPL1"]\n'})
    result = run_cli("--show-config", "--isolated", str(root))
    assert "# config file: none (defaults)" in result.stdout and "select = []  # default" in result.stdout


# -- user-declared singletons ---------------------------------------------------------
def test_declared_command_singleton_run_by_two_process_types(tree):
    procfile = "worker: celery -A app worker\nsync: celery -A app worker -Q sync\n"
    root = tree({"Procfile": procfile})
    assert codes(scan_json(root)) == []  # plain celery workers may run in many copies
    (root / ".deploylint.toml").write_text('singletons = ["celery -A app worker*"]\n')
    report = scan_json(root)
    assert codes(report) == ["DPL101 Procfile:2"]
    assert "declared singleton `celery -A app worker*`" in report["findings"][0]["message"]


def test_declared_singleton_through_honcho(tree):
    root = tree({"Procfile": "web: honcho start -f Procfile.dev\n",
                 "Procfile.dev": "sync: celery -A app worker\nsync2: celery -A app worker\n",
                 "pyproject.toml": '[tool.deploylint]\nsingletons = ["celery * worker"]\nselect = ["DPL101"]\n'})
    assert "DPL101" in {f["code"] for f in scan_json(root)["findings"]}


def test_declared_script_singleton_in_two_procfile_types(tree):
    """The issue's example: a script that must run once, started by two process types.
    (Needs the Python entry scanner, deploylint/code/python.py.)"""
    root = tree({"Procfile": "worker: python scripts/sync_worker.py\nsync: python scripts/sync_worker.py --loop\n",
                 "scripts/sync_worker.py": "import time\nwhile True:\n    time.sleep(60)\n",
                 "pyproject.toml": '[tool.deploylint]\nsingletons = ["scripts/sync_worker.py"]\n'})
    report = scan_json(root)
    assert "DPL101 Procfile:2" in codes(report)
    assert codes(scan_json(root, "--isolated")) == []


import pytest


@pytest.mark.parametrize("spelling", [
    '[tool.deploylint]\nignore = ["DPL101"]\n',
    '[tool]\ndeploylint = {ignore = ["DPL101"]}\n',
    '[tool]\ndeploylint.ignore = ["DPL101"]\n',
    'tool.deploylint.ignore = ["DPL101"]\n',
    '[tool."deploylint"]\nignore = ["DPL101"]\n',
    '[ tool . deploylint ]\nignore = ["DPL101"]\n',
    '[project]\nname = "x"\n\n[tool.deploylint]\nignore = ["DPL101"]\n',
])
def test_every_toml_spelling_of_the_settings_table(tree, spelling):
    root = tree({"pyproject.toml": spelling, "Procfile": "web: python bot.py\nworker: python bot.py\n",
                 "bot.py": "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"})
    codes = [f["code"] for f in scan_json(root)["findings"]]
    assert "DPL101" not in codes, spelling


def test_pyproject_that_only_mentions_deploylint_elsewhere_is_passed_over(tree):
    root = tree({"app/pyproject.toml": '[project]\nname = "x"\ndescription = "uses deploylint"\n',
                 ".deploylint.toml": 'ignore = ["DPL101"]\n',
                 "app/Procfile": "web: python bot.py\nworker: python bot.py\n",
                 "app/bot.py": "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"})
    # the search walks past app/pyproject.toml (no table) to the parent's .deploylint.toml
    assert "DPL101" not in [f["code"] for f in scan_json(root / "app")["findings"]]


def test_extend_include_walks_a_directory_skipped_by_default(tree):
    root = tree({"vendor/bot/Procfile": "web: python bot.py\nworker: python bot.py\n",
                 "vendor/bot/bot.py": "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n",
                 "README.md": "x\n"})
    assert "DPL101" not in [f["code"] for f in scan_json(root)["findings"]]  # vendor/ is skipped
    (root / ".deploylint.toml").write_text('extend-include = ["vendor/"]\n')
    assert "DPL101" in [f["code"] for f in scan_json(root)["findings"]]
    # version control is never walked, whatever the setting says
    (root / ".deploylint.toml").write_text('extend-include = [".git/", "vendor/"]\n')
    assert scan_json(root)["summary"]["files_scanned"] >= 3


def test_in_a_git_work_tree_git_decides_what_is_ignored(tree):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("needs git")
    poller = "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"
    root = tree({"private/Procfile": "web: python bot.py\nworker: python bot.py\n", "private/bot.py": poller,
                 "Procfile": "worker: python bot.py\n", "bot.py": poller})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    assert "DPL101" in [f["code"] for f in scan_json(root)["findings"]]
    # .git/info/exclude is not a .gitignore file: only git knows it
    (root / ".git" / "info").mkdir(parents=True, exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("private/\n")
    assert "DPL101" not in [f["code"] for f in scan_json(root)["findings"]]
