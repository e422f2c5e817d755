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


def test_dpl201_argument_beside_a_variable_is_not_its_name():
    # `re.match(PATTERN, "<token>")`: the token is an argument, not the value of PATTERN
    (message,) = _messages("r12f-token-random-in-test", "DPL201")
    assert "PATTERN" not in message and "is written in source code" in message


def test_typed_example_tokens_are_placeholders():
    from deploylint.secrets import is_placeholder

    assert is_placeholder("7123456789:AAH" + "1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p")
    assert not is_placeholder("6093847152:AA" + "q7Zk2_Lm9xBv4RtY8wN3cP6dHs1Jf0gUe")


def test_systemd_relative_working_directory_is_not_joined_twice():
    (message,) = _messages("r12f-systemd-relative-workdir-missing", "DPL003")
    assert "(looked for YOUR/PATH/server.py)" in message


def test_dpl302_lock_on_a_handle_is_not_named_after_the_open_mode():
    (message,) = _messages("r12f-flock-handle-no-name", "DPL302")
    assert message.startswith("lock file (fcntl.flock) is the single-instance guard")
