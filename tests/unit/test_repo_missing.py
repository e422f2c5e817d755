"""Repo.read_text on files that are not there: a path the repository does not have is not
a broken file (no DPL001); a listed file that cannot be read is."""
from __future__ import annotations

import os

from deploylint.discover import discover


def test_missing_path_reads_as_none_without_a_finding(tree):
    repo = discover(tree({"bot/bot.py": "print(1)\n"}))
    assert repo.read_text("bot/package.json") is None
    assert repo.read_text("no/such/dir/app.json") is None
    assert repo.read_text("bot/bot.py/package.json") is None  # a file used as a directory
    assert [f for f in repo.findings if f.code == "DPL001"] == []


def test_listed_file_that_vanished_is_still_reported(tree):
    root = tree({"Procfile": "worker: python bot.py\n", "bot.py": "print(1)\n"})
    repo = discover(root)
    os.remove(os.path.join(root, "Procfile"))
    assert repo.read_text("Procfile") is None
    assert [(f.code, f.location.path) for f in repo.findings] == [("DPL001", "Procfile")]
