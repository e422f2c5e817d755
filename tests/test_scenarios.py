"""Scenario repos under tests/scenarios/<name>/: `repo/` is scanned with the real CLI and
the findings must equal `expected.txt`, one `CODE path:line` per line (# comments
allowed; an empty file means: no findings at all)."""
from __future__ import annotations

import json

import pytest

from conftest import SCENARIOS, run_cli, scan_json

CASES = sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.txt").exists()) if SCENARIOS.exists() else []


def expected(name: str) -> list[str]:
    lines = (SCENARIOS / name / "expected.txt").read_text().splitlines()
    return sorted(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


def environment(name: str) -> dict[str, str]:
    """`KEY=VALUE` lines of the scenario's optional `env` file (`SOURCE_DATE_EPOCH=...` pins
    the date for output that follows the calendar, as DPL005 and DPL107 do)."""
    path = SCENARIOS / name / "env"
    lines = path.read_text().splitlines() if path.exists() else []
    return dict(line.strip().split("=", 1) for line in lines if "=" in line and not line.lstrip().startswith("#"))


def scan(name: str) -> dict:
    return scan_json(SCENARIOS / name / "repo", env=environment(name))


def check(name: str, report: dict) -> None:
    found = sorted(f"{f['code']} {f['path']}:{f['line']}" for f in report["findings"])
    assert found == expected(name), "\n".join(f"{f['code']} {f['path']}:{f['line']} {f['message']}" for f in report["findings"])
    for finding in report["findings"]:
        assert finding["hint"], finding


@pytest.mark.parametrize("name", CASES)
def test_scenario(name):
    check(name, scan(name))


# The scenarios above run the CLI in this process (conftest.run_cli_here: a subprocess per
# scenario cost ~0.3 s of start-up each, most of the suite's time). A sample, including
# some that pin their environment (an `env` file), also runs through the installed console
# script in a subprocess: the same report, end to end.
END_TO_END = sorted({*CASES[::50], *[name for name in CASES if environment(name)][::8]})


@pytest.mark.parametrize("name", END_TO_END)
def test_scenario_through_the_console_script(name):
    result = run_cli("--format", "json", str(SCENARIOS / name / "repo"), env=environment(name))
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    check(name, json.loads(result.stdout))
