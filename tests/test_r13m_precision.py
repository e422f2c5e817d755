"""Round 13 precision: severities and wording a scenario file (code and line) does not pin."""
from __future__ import annotations

import pytest

from conftest import SCENARIOS, scan_json


def _findings(name: str, code: str) -> list[dict]:
    return [f for f in scan_json(SCENARIOS / name / "repo")["findings"] if f["code"] == code]


@pytest.mark.parametrize("name, severity", [
    ("r13m-render-ptb-default-stop", "info"),  # run_polling's default stop_signals
    ("r13m-render-ptb-no-stop-signals", "warning"),  # stop_signals=None
    ("r13m-render-aiogram-default-stop", "info"),  # aiogram 3's default handle_signals=True
    ("r13m-render-aiogram-no-signals", "warning"),  # handle_signals=False
])
def test_dpl105_is_info_when_the_library_stops_on_sigterm_by_default(name, severity):
    (finding,) = _findings(name, "DPL105")
    assert finding["severity"] == severity
    assert ("stops on the stop signal" in finding["message"]) == (severity == "info")

