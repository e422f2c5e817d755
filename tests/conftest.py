"""Shared test helpers: run the real CLI, build tiny repos."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
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


class _Expired(BaseException):
    """A run that outlived its deadline (BaseException: no `except Exception` inside the
    scan can swallow it; the CLI turns it into an internal error, exit 2)."""


def run_cli_here(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """`deploylint ARGS` run in this process (the click application that the console
    script calls): the same command line, environment, exit code, stdout and stderr as
    `run_cli`, without the interpreter's start-up and deploylint's imports for every run
    (about 0.3 s of CPU each, most of a small scan). For tests about findings; the console
    script itself, start-up and exit codes are covered by `run_cli` tests
    (tests/test_cli.py, tests/test_scenarios.py's end-to-end sample). A run that takes more than
    `timeout` seconds fails, as the subprocess would."""
    from click.testing import CliRunner

    from deploylint.cli import cli

    environment = {"GITHUB_ACTIONS": None, "FORCE_COLOR": None, "NO_COLOR": "1", **(env or {})}
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2: stderr apart from stdout
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps them apart
    alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if alarm:
        def expired(signum, frame):
            raise _Expired(f"deploylint {' '.join(args)} took more than {timeout} s")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.alarm(timeout)
    try:
        # catch_exceptions=False: an exception that escapes the CLI fails the test with its
        # own traceback (a subprocess would print it and exit 1)
        result = runner.invoke(cli, list(args), env=environment, catch_exceptions=False, prog_name="deploylint")
    finally:
        if alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    return subprocess.CompletedProcess(["deploylint", *args], result.exit_code, result.stdout, result.stderr)


def scan_json(path: Path, *args: str, env: dict | None = None) -> dict:
    """The JSON report of `deploylint --format json ARGS PATH`, run in this process."""
    result = run_cli_here("--format", "json", *args, str(path), env=env)
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


# -- one library scan per scenario, shared ------------------------------------------------
# tests/test_python_replay.py, test_python_loops.py and test_python_lazy_scenarios.py each
# compare `engine.scan(root)` as the library runs it with a scan made another way (no
# replay, loops kept apart, every module read lazily). The plain scan is the same in all
# three: it is made once per scenario and session, and each test still makes its own
# other-way scan.
def picture(result) -> str:
    """A scan's findings and plan, whole (test_python_replay, test_python_loops)."""
    return repr(result.findings) + "\n" + repr(result.plan)


def lazy_picture(result) -> tuple:
    """A scan's findings and plan as test_python_lazy_scenarios compares them."""
    import re

    findings = sorted((f.code, f.location.path, f.location.line, f.location.column, f.message, f.hint)
                      for f in result.findings)
    # branch ids come from a counter that runs on across the scans of one process
    plan = [re.sub(r"#\d+'", "'", repr(i)) for i in result.plan.instances] if result.plan else []
    return findings, plan


_PLAIN_SCANS: dict[str, tuple[str, tuple, bool]] = {}


def plain_scan(root: Path) -> tuple[str, tuple, bool]:
    """`engine.scan(root)` unpatched, once per session: (picture, lazy_picture, whether a
    module was read lazily). The views are taken at once (nothing later can change them)."""
    assert _as_shipped() == _AS_SHIPPED, "plain_scan() inside a test's patches"
    key = str(root)
    if key not in _PLAIN_SCANS:
        from deploylint import engine
        from deploylint.code import python_module

        skeleton = python_module._skeleton
        lazily = False

        def watched(*args, **kwargs):
            nonlocal lazily
            lazily = True
            return skeleton(*args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(python_module, "_skeleton", watched)
            result = engine.scan(root)
        _PLAIN_SCANS[key] = (picture(result), lazy_picture(result), lazily)
    return _PLAIN_SCANS[key]


def _as_shipped() -> tuple:
    """What the plain scan depends on and the tests patch for their other-way scans: the
    walker, the replay, the size from which a module is read lazily."""
    from deploylint import engine
    from deploylint.code import python as walker
    from deploylint.code import python_lazy, python_module

    return (engine.scan, walker.dispatch, walker._Walker.__init__, walker._Walker.visit, walker._Walker._on_call,
            python_module._skeleton, python_lazy.LAZY_MIN)


_AS_SHIPPED = _as_shipped()
