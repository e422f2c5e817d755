"""DPL005 follows the calendar: Railway stops reading Config as Code on 2026-12-01. Before
that day the finding says the file "stops being read"; from that day on it says the file
is no longer read. SOURCE_DATE_EPOCH pins the date (reproducible output)."""
from __future__ import annotations

import json

import pytest

from conftest import SCENARIOS, run_cli
from deploylint.checks import deprecated_config

PLAIN = SCENARIOS / "cg-platform-railway-only" / "repo"
NOV_30 = "1795996800"   # 2026-11-30T00:00:00Z
DEC_01 = "1796083200"   # 2026-12-01T00:00:00Z


def dpl005(epoch: str) -> list[dict]:
    result = run_cli("--format", "json", "--exit-zero", str(PLAIN), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "DPL005"]


def test_before_the_cutoff_the_file_is_about_to_stop_being_read():
    (finding,) = dpl005(NOV_30)
    assert "stops reading it on 2026-12-01" in finding["message"]
    assert "no longer" not in finding["message"] and "apply again" not in finding["hint"]


def test_from_the_cutoff_on_the_file_is_no_longer_read():
    (finding,) = dpl005(DEC_01)
    assert "no longer reads (since 2026-12-01)" in finding["message"]
    assert "dashboard settings, not with this file" in finding["message"]
    assert "railway config migrate" in finding["hint"] and "apply again" in finding["hint"]
    assert finding["severity"] == "info"  # the rule's default does not change with the date


@pytest.mark.parametrize("value", ["", "yesterday", "-5", "1e9", "9" * 40, " 1796083200 "])
def test_source_date_epoch_is_read_defensively(value):
    day = deprecated_config.today({"SOURCE_DATE_EPOCH": value})
    assert len(day) == 10 and day[4] == day[7] == "-"
    if value.strip() == DEC_01:
        assert day == "2026-12-01"


def test_the_cutoff_day_itself_counts_as_past():
    assert deprecated_config.past_cutoff({"SOURCE_DATE_EPOCH": DEC_01})
    assert not deprecated_config.past_cutoff({"SOURCE_DATE_EPOCH": str(int(DEC_01) - 1)})


def scan_tree(tmp_path, files: dict[str, str], epoch: str = NOV_30) -> list[dict]:
    from conftest import write_tree

    write_tree(tmp_path, files)
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "DPL005"]


def test_the_finding_says_what_railway_starts_without_the_file(tmp_path):
    """The dashboard is never updated from the file: without it Railway falls back to its
    own precedence (here the Procfile's `web`), and to the dashboard's replica count."""
    (finding,) = scan_tree(tmp_path, {
        "railway.json": '{"deploy": {"startCommand": "python bot.py", "numReplicas": 2}}',
        "Procfile": "web: gunicorn app:app\nworker: python bot.py\n",
        "bot.py": "", "app.py": "", "requirements.txt": "",
    })
    # before the cutoff the file still decides: what changes is said in the future tense
    assert "Railway will start `gunicorn app:app` (Procfile `web`), not `python bot.py`" in finding["message"]
    assert "its replicas will come from the dashboard, not from `numReplicas: 2` here" in finding["message"]


def test_a_dockerfile_fallback_names_the_image(tmp_path):
    (finding,) = scan_tree(tmp_path, {
        "railway.json": '{"deploy": {"startCommand": "python bot.py"}}',
        "Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["python", "web.py"]\n', "bot.py": "", "web.py": "",
    }, epoch=DEC_01)
    assert "Railway starts `python web.py` (the image built from Dockerfile), not `python bot.py`" in finding["message"]


def test_after_the_cutoff_the_fallback_is_what_runs_now(tmp_path):
    (finding,) = scan_tree(tmp_path, {
        "railway.json": '{"deploy": {"startCommand": "python bot.py", "numReplicas": 2}}',
        "Procfile": "web: gunicorn app:app\nworker: python bot.py\n",
        "bot.py": "", "app.py": "", "requirements.txt": "",
    }, epoch=DEC_01)
    assert "Railway starts `gunicorn app:app` (Procfile `web`), not `python bot.py`" in finding["message"]
    assert "its replicas come from the dashboard, not from `numReplicas: 2` here" in finding["message"]


def test_nothing_is_added_when_the_fallback_is_the_same_command(tmp_path):
    (finding,) = scan_tree(tmp_path, {
        "railway.json": '{"deploy": {"startCommand": "python bot.py"}}',
        "bot.py": "", "requirements.txt": "",
    })
    assert finding["message"].endswith("runs with its dashboard settings")


def test_a_start_command_only_the_file_has(tmp_path):
    (finding,) = scan_tree(tmp_path, {"railway.json": '{"deploy": {"startCommand": "./run-worker"}}', "README.md": ""})
    assert "the service will have none (`./run-worker` is only in this file)" in finding["message"]
    (finding,) = scan_tree(tmp_path, {"railway.json": '{"deploy": {"startCommand": "./run-worker"}}', "README.md": ""},
                           epoch=DEC_01)
    assert "the service has none (`./run-worker` is only in this file)" in finding["message"]


def dpl107(tmp_path, epoch: str, files: dict[str, str]) -> list[dict]:
    from conftest import write_tree

    write_tree(tmp_path, files)
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "DPL107"]


START_AND_PROCFILE = {"railway.json": '{\n  "deploy": {\n    "startCommand": "python bot.py"\n  }\n}\n',
                      "Procfile": "web: gunicorn app:app\nworker: python bot.py\n", "app.py": "", "bot.py": ""}


def test_dpl107_before_the_cutoff_blames_the_procfile_and_says_what_changes(tmp_path):
    (finding,) = dpl107(tmp_path, NOV_30, START_AND_PROCFILE)
    assert (finding["path"], finding["line"]) == ("Procfile", 1)
    assert "until 2026-12-01" in finding["message"] and "`web`" in finding["message"]


def test_dpl107_from_the_cutoff_blames_the_unread_setting(tmp_path):
    (finding,) = dpl107(tmp_path, DEC_01, START_AND_PROCFILE)
    assert (finding["path"], finding["line"]) == ("railway.json", 3)
    assert "no longer reads railway.json" in finding["message"] and "gunicorn app:app" in finding["message"]
    assert "railway config migrate" in finding["hint"]


def test_dpl107_from_the_cutoff_a_root_dockerfile_still_wins(tmp_path):
    files = {**START_AND_PROCFILE, "Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["python", "bot.py"]\n'}
    (finding,) = dpl107(tmp_path, DEC_01, files)
    assert (finding["path"], finding["line"]) == ("Procfile", 1)
    assert "Railway builds Dockerfile" in finding["message"] and "railway.json makes" not in finding["message"]
