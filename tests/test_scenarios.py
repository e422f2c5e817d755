"""Scenario repos under tests/scenarios/<name>/: `repo/` is scanned with the real CLI and
the findings must equal `expected.txt`, one `CODE path:line` per line (# comments
allowed; an empty file means: no findings at all)."""
from __future__ import annotations

import pytest

from conftest import SCENARIOS, scan_json

CASES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.txt").exists()) if SCENARIOS.exists() else []


def expected(name: str) -> list[str]:
    lines = (SCENARIOS / name / "expected.txt").read_text().splitlines()
    return sorted(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


@pytest.mark.parametrize("name", CASES)
def test_scenario(name):
    report = scan_json(SCENARIOS / name / "repo")
    found = sorted(f"{f['code']} {f['path']}:{f['line']}" for f in report["findings"])
    assert found == expected(name), "\n".join(f"{f['code']} {f['path']}:{f['line']} {f['message']}" for f in report["findings"])
    for finding in report["findings"]:
        assert finding["hint"], finding
