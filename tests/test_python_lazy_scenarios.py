"""Every scenario gives the same findings and the same plan whether its Python modules are
parsed whole or as skeletons with blocks parsed on demand (python_lazy). Scenario files
are small, so by default almost none of them is read lazily: here every module is."""
from __future__ import annotations

import pytest

from conftest import SCENARIOS, lazy_picture, plain_scan
from deploylint import engine
from deploylint.code import python_lazy

CASES = sorted(p.name for p in SCENARIOS.iterdir()
               if (p / "repo").is_dir() and any((p / "repo").rglob("*.py"))) if SCENARIOS.exists() else []


def _scan(root, lazy_min: int, monkeypatch):
    monkeypatch.setattr(python_lazy, "LAZY_MIN", lazy_min)
    return lazy_picture(engine.scan(root))


@pytest.mark.parametrize("name", CASES)
def test_lazy_blocks_change_nothing(name, monkeypatch):
    root = SCENARIOS / name / "repo"
    # the scan as shipped reads a module lazily from LAZY_MIN characters on: when it read
    # none lazily it is the scan with every module parsed whole (and is made once for
    # test_python_replay.py and test_python_loops.py too)
    _, shipped, lazily = plain_scan(root)
    whole = _scan(root, 10**12, monkeypatch) if lazily else shipped
    assert _scan(root, 0, monkeypatch) == whole
