"""CLI details users expect from ruff-like tools, each through the real console script."""
from __future__ import annotations

import json
import subprocess

from conftest import DEPLOYLINT, run_cli

POLLER = "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['T'])\nbot.infinity_polling()\n"
TWICE = {"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER}


def test_closed_pipe_ends_quietly(tree):
    root = tree(TWICE)
    process = subprocess.Popen([*DEPLOYLINT, str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(5)
    process.stdout.close()  # the reader goes away, as `| head -c5` does
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 1)
    assert "internal error" not in error and "Traceback" not in error and "BrokenPipe" not in error


def test_quiet_prints_only_findings(tree):
    root = tree(TWICE)
    noisy = run_cli(str(root))
    quiet = run_cli("-q", str(root))
    assert quiet.returncode == noisy.returncode == 1
    assert "Found " in noisy.stdout and "Found " not in quiet.stdout
    assert "DPL101" in quiet.stdout
    clean = tree({"Procfile": "worker: python bot.py\n"})
    assert run_cli("--quiet", str(clean)).stdout == ""


def test_short_version_flag():
    result = run_cli("-V")
    assert result.returncode == 0 and result.stdout.startswith("deploylint, version ")


def test_force_color_colours_a_pipe(tree):
    root = tree(TWICE)
    assert "\033[" not in run_cli(str(root)).stdout
    assert "\033[" in run_cli(str(root), env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    assert "\033[" not in run_cli("--color", "never", str(root), env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout


def test_concise_is_one_line_a_finding(tree):
    root = tree(TWICE)
    lines = run_cli("--format", "concise", "-q", str(root)).stdout.splitlines()
    report = json.loads(run_cli("--format", "json", str(root)).stdout)
    assert len(lines) == len(report["findings"]) >= 1
    first = report["findings"][0]
    assert lines[0].endswith(first["message"]) and f":{first['line']}:{first['column']}: {first['code']} [" in lines[0]


def test_statistics_in_json_and_refused_for_github(tree):
    root = tree(TWICE)
    rows = json.loads(run_cli("--statistics", "--format", "json", str(root)).stdout)
    assert {"code": "DPL101", "name": "polling-started-twice", "count": 1} in rows
    refused = run_cli("--statistics", "--format", "github", str(root))
    assert refused.returncode == 2 and "--statistics" in refused.stderr


def test_show_config_honours_output(tree, tmp_path):
    root = tree({"Procfile": "worker: python bot.py\n", ".deploylint.toml": 'ignore = ["DPL303"]\n'})
    out = tmp_path / "settings.txt"
    result = run_cli("--show-config", "-o", str(out), str(root))
    assert result.returncode == 0 and result.stdout == ""
    assert "DPL303" in out.read_text()


def test_unknown_command_suggests_the_right_one(tree):
    result = run_cli("chek")
    assert result.returncode == 2 and "did you mean `check`?" in result.stderr
    root = tree(TWICE)  # an existing path named like a word is still a path
    assert run_cli("chek", cwd=root).returncode == 2
    (root / "chek").mkdir()
    assert run_cli("chek", cwd=root).returncode == 0


def test_plan_accepts_several_paths(tree, tmp_path):
    one = tree({"a/Procfile": "worker: python bot.py\n", "a/bot.py": POLLER,
                "b/Procfile": "web: python bot.py\nworker: python bot.py\n", "b/bot.py": POLLER})
    text = run_cli("plan", str(one / "a"), str(one / "b"))
    assert text.returncode == 0 and text.stdout.count("Procfile (heroku)") == 2
    both = json.loads(run_cli("plan", "--format", "json", str(one / "a"), str(one / "b")).stdout)
    assert isinstance(both, list) and len(both) == 2


def test_help_lines_are_not_truncated():
    listing = run_cli("--help").stdout
    assert "Scan paths and report findings" in listing and "..." not in listing.split("Commands:")[1]
    for args in (("check", "--help"), ("plan", "--help"), ("rule", "--help")):
        result = run_cli(*args)
        assert result.returncode == 0
        body = result.stdout.split("\n", 1)[1]  # past the usage line's [PATHS]...
        assert "..." not in body, result.stdout


def test_whole_line_finding_ends_at_the_line_end(tree):
    # a Procfile beside a Railway Dockerfile build: DPL107 points at the whole first line
    root = tree({"Procfile": "web: python bot.py --port 8000\n", "bot.py": POLLER,
                 "railway.json": '{"build": {"builder": "DOCKERFILE"}}\n',
                 "Dockerfile": 'FROM python:3.12\nCMD ["python", "bot.py"]\n'})
    report = json.loads(run_cli("--format", "json", str(root)).stdout)
    (shadow,) = [f for f in report["findings"] if f["code"] == "DPL107"]
    assert (shadow["line"], shadow["column"], shadow["end_line"]) == (1, 1, 1)
    assert shadow["end_column"] == len("web: python bot.py --port 8000") + 1


def test_caret_matches_the_redacted_token(tree):
    token = "7012345678:AAHq3Zk9Lm2Np8Rt5Vw7Xy1Bc4Df6Gh0Jk3"
    root = tree({"bot.py": f'import telebot\nbot = telebot.TeleBot("{token}")\n'})
    out = run_cli(str(root)).stdout
    assert token not in out
    lines = out.splitlines()
    source = next(i for i, line in enumerate(lines) if "TeleBot(" in line and "|" in line)
    shown, carets = lines[source], lines[source + 1]
    start = carets.index("^")
    underlined = shown[start:start + carets.count("^")]
    assert underlined.startswith("7012345678:") and underlined.endswith("[redacted]"), (shown, carets)


def test_a_file_argument_gets_the_project_verdict(tree):
    root = tree({"docker-compose.yml": "services:\n  bot:\n    image: python:3.12\n    command: python bot/main.py\n"
                                       "    deploy:\n      replicas: 2\n",
                 "bot/main.py": POLLER, "bot/util.py": "X = 1\n"})
    whole = json.loads(run_cli("--format", "json", str(root)).stdout)["findings"]
    assert [f["code"] for f in whole if f["code"].startswith("DPL1")] == ["DPL102"]
    # the bot file takes part in the finding (its trace), though the finding sits in compose
    via_file = run_cli("--format", "json", "bot/main.py", cwd=root)
    assert via_file.returncode == 1
    assert [f["code"] for f in json.loads(via_file.stdout)["findings"]] == ["DPL102"]
    # a file in the same project that takes part in nothing: clean, from any directory
    assert run_cli("main.py", cwd=root / "bot").returncode == 1
    assert run_cli("util.py", cwd=root / "bot").returncode == 0


def test_readme_links_work_on_a_package_index():
    """PyPI renders the README without the repository around it: links must be absolute."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    relative = [link for link in re.findall(r"\]\(([^)]+)\)", readme) if not link.startswith(("http", "#", "mailto:"))]
    assert not relative, relative


def test_platform_help_lists_every_platform():
    """`--platform` accepts every name of deploylint.platforms.KNOWN, and its help says so
    (the help text is written out in cli.py so that building it imports nothing)."""
    from deploylint.cli import PLATFORM_NAMES
    from deploylint.platforms import KNOWN

    listed = [name.strip() for name in PLATFORM_NAMES.replace(" or ", ", ").split(",")]
    assert sorted(listed) == sorted(KNOWN) and len(listed) == len(set(listed))
    for command in ("check", "plan"):
        text = " ".join(run_cli(command, "--help").stdout.split())
        assert "github-actions, caprover, koyeb or nixpacks" in text
