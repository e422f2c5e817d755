"""Every scenario gives the same findings and the same plan whether its Python modules are
parsed whole or as skeletons with blocks parsed on demand (python_lazy). Scenario files
are small, so by default almost none of them is read lazily: here every module is."""
from __future__ import annotations

import re

import pytest

from conftest import SCENARIOS
from deploylint import engine
from deploylint.code import python_lazy

CASES = sorted(p.name for p in SCENARIOS.iterdir()
               if (p / "repo").is_dir() and any((p / "repo").rglob("*.py"))) if SCENARIOS.exists() else []


def _scan(root, lazy_min: int, monkeypatch):
    monkeypatch.setattr(python_lazy, "LAZY_MIN", lazy_min)
    result = engine.scan(root)
    findings = sorted((f.code, f.location.path, f.location.line, f.location.column, f.message, f.hint)
                      for f in result.findings)
    # branch ids come from a counter that runs on across the scans of one process
    plan = [re.sub(r"#\d+'", "'", repr(i)) for i in result.plan.instances] if result.plan else []
    return findings, plan


@pytest.mark.parametrize("name", CASES)
def test_lazy_blocks_change_nothing(name, monkeypatch):
    root = SCENARIOS / name / "repo"
    assert _scan(root, 0, monkeypatch) == _scan(root, 10**12, monkeypatch)
