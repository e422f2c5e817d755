"""Round 15 precision: DPL109 when both branches of a start script reach polling and webhook
code (the message read inverted: each branch was said to be the only one that polls)."""
from __future__ import annotations

from conftest import SCENARIOS, scan_json


def _dpl109(name: str) -> list[dict]:
    report = scan_json(SCENARIOS / name / "repo")
    return [f for f in report["findings"] if f["code"] == "DPL109"]


def test_same_program_in_both_branches_is_not_reported():
    assert _dpl109("r15f-branches-same-program-picks-mode") == []


def test_two_programs_that_both_do_both_are_one_finding_naming_both_branches():
    found = _dpl109("r15f-branches-two-programs-both-modes")
    assert [(f["path"], f["line"]) for f in found] == [("start.sh", 3)]
    message = found[0]["message"]
    assert "runs only in" not in message
    assert "which also serves the same bot by webhook (admin_bot.py:10)" in message
    assert "does both too (webhook bot.py:9, polling bot.py:11)" in message


def test_other_branch_that_can_poll_is_said_to_poll_too():
    found = _dpl109("r15f-branches-poller-vs-webhook-or-poll")
    assert [(f["path"], f["line"]) for f in found] == [("start.sh", 3)]
    message = found[0]["message"]
    assert "runs only in" not in message
    assert "serves the same bot by webhook (bot.py:9) or polls it too (bot.py:11)" in message


def test_plain_webhook_or_poll_branch_keeps_only_wording():
    found = _dpl109("sh-webhook-or-poll-by-env")
    assert len(found) == 1 and "runs only in the `else` branch" in found[0]["message"]


def test_gunicorn_pythonpath_odd_values_do_not_crash(tmp_path):
    from conftest import write_tree

    for value in ('5', '"/abs/dir,$HOME,~/x,,"', '",".join(["a", "b"])', '"' + "d," * 5000 + '"'):
        root = write_tree(tmp_path / str(abs(hash(value))), {
            "Procfile": "web: gunicorn -c gunicorn.conf.py server:app\n",
            "gunicorn.conf.py": f"pythonpath = {value}\n",
        })
        codes = [f["code"] for f in scan_json(root)["findings"]]
        assert codes == ["DPL003"], (value, codes)
