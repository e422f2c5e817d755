"""Round 13 precision: what the findings say, where a scenario file pins only code and line."""
from __future__ import annotations

from conftest import SCENARIOS, scan_json


def _findings(name: str, code: str) -> list[dict]:
    return [f for f in scan_json(SCENARIOS / name / "repo")["findings"] if f["code"] == code]


def test_dpl201_fallback_after_or_names_the_assigned_variable():
    (finding,) = _findings("r13f-token-default-after-or", "DPL201")
    assert "is written as `BOT_TOKEN`" in finding["message"]
    assert "`or`" not in finding["message"]
    assert 'os.environ["BOT_TOKEN"]' in finding["hint"]


def test_dpl201_value_of_a_named_env_entry():
    (finding,) = _findings("r13f-token-render-env-value", "DPL201")
    assert "is written as `REPORT_BOT_TOKEN`" in finding["message"]
    assert "`value`" not in finding["message"]
    assert "sync: false" in finding["hint"]
    assert "AAq7Zk2" not in finding["message"] + finding["hint"]  # printed redacted only


def test_variable_names_from_syntax_and_entries():
    from deploylint.secrets import _variable

    assert _variable('TOKEN = os.getenv("T") or ') == "TOKEN"
    assert _variable('  return ') == ""
    assert _variable('      value: ', ["    envVars:", "      - key: BOT_TOKEN", "        value: x"], 2) == "BOT_TOKEN"
    assert _variable('      "value": ', ['  "env": {', '    "BOT_TOKEN": {', '      "value": x'], 2) == "BOT_TOKEN"
    assert _variable("token = ") == "token"


def test_render_free_plan_hint_says_a_disk_needs_a_paid_instance():
    (finding,) = _findings("r13f-render-free-plan-polling", "DPL105")
    assert "paid instance type" in finding["hint"] and "`plan: free`" in finding["hint"]


def test_pm2_script_with_spaces_is_shell_text():
    from deploylint.formats.pm2 import app_argv

    class _Repo:
        def exists(self, path):
            return False

    assert app_argv(_Repo(), "", "", "cd bot && python3 main.py", ("x",), None) == ("bash", "-c", "cd bot && python3 main.py")
    assert app_argv(_Repo(), "", "", "node dist/main.js", ("--port", "3"), None) == ("node", "dist/main.js")
    assert app_argv(_Repo(), "", "", "main.py", ("--x",), None) == ("python3", "main.py", "--x")


def _procfile_problems(text: str) -> list:
    from deploylint.formats import procfile
    from deploylint.repo import Repo

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as root:
        Path(root, "Procfile").write_text(text)
        repo = Repo(root)
        entries = procfile.parse(repo, "Procfile")
        return entries, [(f.code, f.message, f.hint) for f in repo.findings]


def test_procfile_lines_as_heroku_reads_them():
    entries, problems = _procfile_problems("  worker: python bot.py\n")
    assert [e.name for e in entries] == ["worker"] and not problems
    assert entries[0].location.column == 3
    entries, [(code, message, hint)] = _procfile_problems("worker python bot.py\n")
    assert code == "DPL001" and "no `:` after the process type" in message and hint == "write `worker: python bot.py`"
    assert [(e.name, e.command.shell) for e in entries] == [("worker", "python bot.py")]  # as Heroku runs it
    entries, [(code, message, hint)] = _procfile_problems("python main.py\n")
    assert not entries
    assert "has no process type" in message and hint.startswith("write `worker: python main.py`")
    _, [(code, message, hint)] = _procfile_problems("heroku ps:scale worker=1\n")
    assert "Heroku CLI command" in hint
    _, [(code, message, hint)] = _procfile_problems("web: a\nweb: b\n")
    assert code == "DPL002" and "(lines 1 and 2)" in message and "only the last one" in message


def test_a_message_that_names_its_platform_gets_no_platform_intro():
    (finding,) = _findings("r13f-platform-named-once", "DPL106")
    assert finding["message"].startswith("Render web `shop` runs 2 long-running processes")
    assert "(`gunicorn web:app`, `python worker.py`)" in finding["message"]  # no option cut from its value


def test_long_procfile_lines_of_spaces_are_linear():
    import time

    started = time.monotonic()
    entries, problems = _procfile_problems("web: a" + " " * 200_000 + "b\nworker python" + " " * 200_000 + "b.py\n")
    assert time.monotonic() - started < 5  # (a lazy `(.*?)\s*$` took minutes)
    assert [e.name for e in entries] == ["web", "worker"] and entries[0].command.shell.endswith("b")
    assert len(problems) == 1 and len(problems[0][1]) < 400  # the message quotes the line cut short
