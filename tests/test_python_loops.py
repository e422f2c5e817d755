"""code/python.py: a unit is walked once whether it is reached inside a loop or not.

`looped` only decides the hits that count inside a loop (a raw getUpdates call,
schedule.run_pending); the walk keeps the two ways apart only when such a hit is reached
outside a loop. Two properties: the result is exactly the result of a walk that always
keeps them apart (every Python scenario is scanned both ways), and a bot whose main loop
calls the code it also calls at start-up walks that code once (visits counted, not time).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from deploylint.code import python as walker
from deploylint.engine import scan
from conftest import plain_scan
from test_python_replay import CASES, SCENARIOS, _picture


def _loops_apart(monkeypatch) -> None:
    original = walker._Walker.__init__

    def init(self, repo, process, apart=False):
        original(self, repo, process, apart=True)

    monkeypatch.setattr(walker._Walker, "__init__", init)


@pytest.mark.parametrize("chunk", range(8))
def test_one_walk_per_unit_gives_the_result_of_loops_kept_apart(chunk, monkeypatch):
    for name in CASES[chunk::8]:
        root = SCENARIOS / name / "repo"
        once = plain_scan(root)[0]  # the walk as shipped, shared with test_python_replay.py
        with monkeypatch.context() as patch:
            _loops_apart(patch)
            apart = _picture(root)
        assert once == apart, name


def _visits(root: Path, monkeypatch=None) -> tuple[int, str]:
    visits = 0
    original = walker._Walker.visit

    def counted(self, task):
        nonlocal visits
        visits += 1
        return original(self, task)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(walker._Walker, "visit", counted)
        if monkeypatch is not None:
            _loops_apart(patch)
        result = scan(root)
    return visits, "\n".join(f"{f.code} {f.location.path}:{f.location.line} {f.message}" for f in result.findings)


def _bot(root: Path, tick: str = "") -> None:
    """A bot that runs 30 jobs once at start-up and again in its main loop."""
    jobs = "".join(f"def job_{i}():\n    print({i})\n    helper_{i}()\n\n"
                   f"def helper_{i}():\n    return {i}\n\n" for i in range(30))
    (root / "jobs.py").write_text(jobs + tick)
    calls = "".join(f"    jobs.job_{i}()\n" for i in range(30))
    (root / "bot.py").write_text(
        "import time\nimport jobs\nfrom telegram.ext import Application\n\n"
        f"def run_all():\n{calls}" + ("    jobs.tick()\n" if tick else "") + "\n"
        "run_all()\n"
        "app = Application.builder().token('x').build()\n"
        "while True:\n    run_all()\n    time.sleep(60)\n")
    (root / "Procfile").write_text("worker: python bot.py\nbot: python bot.py\n")


def test_code_called_at_start_up_and_in_the_main_loop_is_walked_once(tmp_path, monkeypatch):
    _bot(tmp_path)
    once, found = _visits(tmp_path)
    apart, found_apart = _visits(tmp_path, monkeypatch)
    assert found == found_apart
    assert apart > 120 and once < 0.6 * apart


@pytest.mark.parametrize("where", ["loop", "once"])
def test_a_hit_that_counts_only_in_a_loop_walks_loops_apart(tmp_path, monkeypatch, where):
    # `tick()` calls schedule.run_pending(): a scheduler only inside a loop. Reached both
    # ways, it is found (the walk goes again with loops apart); reached once, it is not.
    tick = "import schedule\n\ndef tick():\n    schedule.run_pending()\n"
    _bot(tmp_path, tick)
    if where == "once":
        text = (tmp_path / "bot.py").read_text().replace("while True:\n    run_all()", "while True:\n    pass")
        (tmp_path / "bot.py").write_text(text)
    once, found = _visits(tmp_path)
    apart, found_apart = _visits(tmp_path, monkeypatch)
    assert found == found_apart
    assert ("run_pending" in found) == (where == "loop"), found

