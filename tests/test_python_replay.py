"""code/python_replay.py: an event's effects are worked out once and replayed.

Two properties: the replayed walk gives exactly the findings and the plan the plain walk
gives (every Python scenario is scanned both ways), and many processes that import one
app do the handlers' work about once (operation counts, not wall time).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SCENARIOS, picture, plain_scan
from deploylint.code import python as walker
from deploylint.engine import scan


def _plain(walk, handler, m, scope, event, here, blank, cache):
    handler(m, scope, event, here)


def _picture(root: Path) -> str:
    return picture(scan(root))


def _python_scenarios() -> list[str]:
    if not SCENARIOS.exists():
        return []
    names = []
    for case in sorted(SCENARIOS.iterdir()):
        repo = case / "repo"
        if repo.is_dir() and (case / "expected.txt").exists() and not (case / "env").exists() and any(
                repo.rglob("*.py")):
            names.append(case.name)
    return names


CASES = _python_scenarios()


def test_there_are_python_scenarios():
    assert len(CASES) > 200


@pytest.mark.parametrize("chunk", range(8))
def test_replay_gives_the_plain_walks_result(chunk, monkeypatch):
    for name in CASES[chunk::8]:
        root = SCENARIOS / name / "repo"
        replayed = plain_scan(root)[0]  # the walk as shipped, shared with test_python_loops.py
        with monkeypatch.context() as patch:
            patch.setattr(walker, "dispatch", _plain)
            plain = _picture(root)
        assert replayed == plain, name


def _workers(root: Path, count: int) -> None:
    """An app package of 20 modules with calls and a class, and `count` worker scripts
    that each import it (a Celery app and its per-queue workers)."""
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("".join(f"from . import m{i}\n" for i in range(20)))
    for i in range(20):
        (root / "app" / f"m{i}.py").write_text(
            "import os\n\n"
            f"class Service{i}:\n    def __init__(self):\n        self.url = os.getenv('URL{i}')\n\n"
            f"    def run(self):\n        return helper_{i}(self.url)\n\n"
            f"def helper_{i}(url):\n    print(url)\n    return len(str(url))\n\n"
            f"service = Service{i}()\nservice.run()\n")
    procfile = []
    for n in range(count):
        (root / f"worker_{n}.py").write_text("import app\nfrom telegram.ext import Application\n"
                                             "print(app)\n")
        procfile.append(f"w{n}: python worker_{n}.py\n")
    (root / "Procfile").write_text("".join(procfile))


def _handler_runs(root: Path) -> int:
    runs = 0
    original = walker._Walker._on_call

    def counted(self, *args):
        nonlocal runs
        runs += 1
        return original(self, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(walker._Walker, "_on_call", counted)
        scan(root)
    return runs


def test_many_workers_importing_one_app_cost_one_walk(tmp_path):
    one, eight = tmp_path / "one", tmp_path / "eight"
    one.mkdir()
    eight.mkdir()
    _workers(one, 1)
    _workers(eight, 8)
    assert _handler_runs(eight) < 1.3 * _handler_runs(one)


def test_the_measure_catches_a_walk_per_process(tmp_path, monkeypatch):
    one, eight = tmp_path / "one", tmp_path / "eight"
    one.mkdir()
    eight.mkdir()
    _workers(one, 1)
    _workers(eight, 8)
    monkeypatch.setattr(walker, "dispatch", _plain)
    assert _handler_runs(eight) > 4 * _handler_runs(one)
