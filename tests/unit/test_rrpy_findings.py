"""Wording of findings found on real repositories (round 5, Python bots): the scenario
tests check codes and lines; these check what the message says."""
from __future__ import annotations

from conftest import SCENARIOS, scan_json


def findings(name: str, code: str) -> list[dict]:
    report = scan_json(SCENARIOS / name / "repo")
    return [f for f in report["findings"] if f["code"] == code]


def test_background_poller_is_named_beside_the_server_not_a_one_off():
    (finding,) = findings("r5p-bg-beside-server", "DPL103")
    assert "beside `gunicorn site_app:app" in finding["message"]
    assert "python -c" not in finding["message"]
