"""After Railway's cutoff (2026-12-01) a railway.json/toml is not read: the Railway target
plans what Railway starts without it (formats/railway_unread.py)."""
from __future__ import annotations

import pytest

from conftest import write_tree
from deploylint.discover import discover
from deploylint.formats import railway, railway_unread

NOV_30 = "1795996800"
DEC_02 = "1796169600"


@pytest.fixture
def after(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEC_02)


def target(tmp_path, files):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    found = [t for t in railway.targets(repo) if t.platform == "railway"]
    return found[0], repo


IMAGE = {
    "railway.json": '{\n  "deploy": {\n    "startCommand": "python bot.py",\n    "numReplicas": 3,\n'
                    '    "overlapSeconds": 30\n  }\n}\n',
    "Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["sh", "start.sh"]\n',
    "start.sh": "python bot.py &\npython web.py\n", "bot.py": "", "web.py": "",
}


def test_before_the_cutoff_the_file_decides(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_30)
    t, _ = target(tmp_path, IMAGE)
    (launch,) = t.launches
    assert launch.command.shell == "python bot.py" and launch.copies.count == 3
    assert any(o.explicit for o in t.overlaps)


def test_after_the_cutoff_the_image_command_runs_once(tmp_path, after):
    t, repo = target(tmp_path, IMAGE)
    (launch,) = t.launches
    assert launch.command.argv == ("sh", "start.sh")
    assert launch.copies.count == 1 and not launch.copies.reason
    assert not any(o.explicit for o in t.overlaps)  # overlapSeconds is only in the file
    assert launch.label == "Railway service (Dockerfile Dockerfile; railway.json is no longer read)"
    assert "Dockerfile" in repo.consumed
    (shadow,) = t.shadows
    assert (shadow.location.path, shadow.location.line) == ("railway.json", 3)
    assert "`sh start.sh`" in shadow.message and "unless the service's dashboard sets a start command" in shadow.message


def test_after_the_cutoff_nothing_to_say_when_the_fallback_is_the_same(tmp_path, after):
    t, _ = target(tmp_path, {"railway.json": '{"deploy": {"startCommand": "python3 -u bot.py"}}',
                             "Dockerfile": 'FROM python:3.12\nCMD ["python", "bot.py"]\n', "bot.py": ""})
    assert t.shadows == []


def test_after_the_cutoff_a_cron_schedule_is_gone(tmp_path, after):
    t, _ = target(tmp_path, {"railway.json": '{"deploy": {"cronSchedule": "*/5 * * * *"}}', "main.py": "",
                             "requirements.txt": ""})
    (launch,) = t.launches
    assert launch.schedule == "" and "only in railway.json" in launch.note
    assert launch.command.shell == "python main.py"


def test_after_the_cutoff_a_builder_setting_no_longer_skips_the_dockerfile(tmp_path, after):
    t, _ = target(tmp_path, {"railway.toml": '[build]\nbuilder = "RAILPACK"\n', "Procfile": "worker: python bot.py\n",
                             "Dockerfile": 'FROM python:3.12\nCMD python bot.py & python web.py\n',
                             "bot.py": "", "web.py": ""})
    assert [l.label for l in t.launches if l.runs] == ["Railway service (Dockerfile Dockerfile; railway.toml is no longer read)"]
    (shadow,) = t.shadows  # the builder line; "the Procfile is ignored" is folded into it
    assert (shadow.location.path, shadow.location.line) == ("railway.toml", 2)
    assert "Procfile `worker`" in shadow.message


def test_after_the_cutoff_toml_and_json_twins_are_both_unread(tmp_path, after):
    t, _ = target(tmp_path, {"railway.toml": '[deploy]\nstartCommand = "python bot.py"\n',
                             "railway.json": '{"deploy": {"startCommand": "python bot.py"}}', "bot.py": ""})
    assert not any("is ignored: Railway reads" in s.message for s in t.shadows)


def test_service_root_of_a_custom_config(tmp_path):
    write_tree(tmp_path, {"deploy/railway/railway.bot.json": "{}", "worker/railway.worker.json": "{}",
                          "worker/requirements.txt": "", "api/railway.json": "{}", "railway.web.toml": ""})
    repo = discover(tmp_path)
    assert railway_unread.service_root(repo, "deploy/railway/railway.bot.json") == ""
    assert railway_unread.service_root(repo, "worker/railway.worker.json") == "worker"
    assert railway_unread.service_root(repo, "api/railway.json") == "api"
    assert railway_unread.service_root(repo, "railway.web.toml") == ""


@pytest.mark.parametrize("one, other, same", [
    ("python bot.py", "python3 -u bot.py", True),
    ("python bot.py", "python bot.py & python web.py", False),
    ("node bot.js", "concurrently \"node bot.js\" \"node web.js\"", False),
    ("gunicorn app:app", "gunicorn  app:app", True),
    ("python bot.py", "python main.py", False),
])
def test_same_start(one, other, same):
    assert railway_unread._same(one, other) is same


def test_after_the_cutoff_a_procfile_process_that_never_starts_says_why(tmp_path, after):
    t, _ = target(tmp_path, {"railway.json": '{"deploy": {"startCommand": "python bot.py"}}',
                             "Procfile": "web: gunicorn app:app\nworker: python bot.py\n", "app.py": "", "bot.py": ""})
    (worker,) = [l for l in t.launches if not l.runs]
    assert worker.name == "worker" and worker.steps[0].location.path == "railway.json"
    assert "no longer read" in worker.steps[0].note and "Procfile `web`" in worker.steps[0].note


def test_after_the_cutoff_a_per_service_config_keeps_only_what_it_runs(tmp_path, after):
    t, _ = target(tmp_path, {"railway.bot.json": '{"deploy": {"startCommand": "python bot.py"}}',
                             "Procfile": "web: gunicorn app:app\nworker: python bot.py\n", "app.py": "", "bot.py": ""})
    assert [(l.name, l.runs) for l in t.launches] == [("web", True)]
