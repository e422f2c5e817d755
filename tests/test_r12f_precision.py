"""Round 12 precision: what the findings say, where a scenario file pins only code and line."""
from __future__ import annotations

from conftest import SCENARIOS, scan_json


def _messages(name: str, code: str) -> list[str]:
    return [f["message"] for f in scan_json(SCENARIOS / name / "repo")["findings"] if f["code"] == code]


def test_dpl106_counts_only_what_runs_beside_the_background_one():
    # the patch scripts the start script goes on after have exited; the one run twice (in a
    # branch) is not named twice
    (message,) = _messages("r12f-setup-scripts-before-bot", "DPL106")
    assert "runs 2 long-running processes" in message
    assert "patch_" not in message


def test_dpl106_names_the_child_free_pair():
    (message,) = _messages("r12f-shell-background-beside-worker", "DPL106")
    assert "`uploader-daemon --serve`" in message and "`python worker.py`" in message
