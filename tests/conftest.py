"""Shared test helpers: run the real CLI, build tiny repos."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).parent / "scenarios"

# every pattern's `needs` shortcut is checked against the real pattern on every input the
# suite feeds it (deploylint/patterns.py); subprocess runs inherit the variable
os.environ["DEPLOYLINT_CHECK_NEEDS"] = "1"
# Railway stops reading railway.json/toml on 2026-12-01 and the plan follows the calendar
# (checks/deprecated_config.past_cutoff): the suite runs on the day the scenarios describe,
# 2026-11-30, unless a scenario's `env` file (or a test) pins another date. Without this the
# suite's Railway expectations would change with the machine's clock (or with a
# SOURCE_DATE_EPOCH a build environment sets to its commit date).
os.environ["SOURCE_DATE_EPOCH"] = "1795996800"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`deploylint ARGS` in a subprocess, exactly as a user runs it."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    environment["NO_COLOR"] = "1"
    environment.update(env or {})
    return subprocess.run([*DEPLOYLINT, *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


# The installed console script, as a user runs it (not `python -m`, which would import
# the source tree from the working directory instead of the installed package).
_SCRIPT = Path(sys.executable).parent / "deploylint"
DEPLOYLINT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "deploylint"]


def scan_json(path: Path, *args: str) -> dict:
    result = run_cli("--format", "json", *args, str(path))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path):
    return lambda files: write_tree(tmp_path, files)


def executed_lines(action, counted=lambda filename: True) -> int:
    """Lines executed while `action()` runs, in code whose file name `counted` accepts:
    a measure of work that, unlike wall time, does not move with the machine's load."""
    count = 0

    def line(frame, event, arg):
        nonlocal count
        count += 1
        return line

    def call(frame, event, arg):
        return line if counted(frame.f_code.co_filename) else None

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        action()
    finally:
        sys.settrace(previous)
    return count
