"""runners/wrappers: wait-for / wait-for-it / dockerize run the command after their options;
the file watcher entr runs its utility (one copy)."""
from __future__ import annotations

import pytest

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location


def _entries(tmp_path, text: str, with_script: bool = False):
    (tmp_path / "bot.py").write_text("print(1)\n")
    if with_script:  # the repository's own script of that name is read instead
        (tmp_path / "wait-for-it.sh").write_text("#!/bin/sh\necho waiting\n")
    analysis = analyse(Command(Location("Procfile", 1, 1), shell=text), Context(discover(tmp_path)))
    return [p.entry for p in analysis.processes if p.entry]


@pytest.mark.parametrize("text", [
    "./wait-for db:5432 -- python bot.py",
    "wait-for db:5432 -t 30 -- python bot.py",
    "/usr/local/bin/wait-for-it.sh db:5432 -s -t 60 -- python bot.py",
    "wait-for-it db:5432 -- sh -c 'python bot.py'",
    "dockerize -wait tcp://db:5432 -timeout 60s python bot.py",
    "dockerize -wait tcp://db:5432 -template a.tmpl:a.conf -poll -- python bot.py",
    "dockerize -wait=tcp://db:5432 python bot.py",
])
def test_the_command_after_the_wait_runs(tmp_path, text):
    assert _entries(tmp_path, text) == ["bot.py"]


@pytest.mark.parametrize("text", ["wait-for db:5432", "wait-for-it.sh db:5432 --", "dockerize -wait tcp://db:5432",
                                  "dockerize", "wait-for"])
def test_without_a_command_nothing_starts(tmp_path, text):
    assert _entries(tmp_path, text) == []


def test_a_committed_script_is_read_instead(tmp_path):
    assert _entries(tmp_path, "./wait-for-it.sh db:5432 -- python bot.py", with_script=True) == []



@pytest.mark.parametrize("text", [
    "entr -r python bot.py",
    "find . -name '*.py' | entr -rs 'echo restarting && python bot.py'",
    "ls *.py | entr -c -- python bot.py",
    "entr -dnr python bot.py",
])
def test_entr_runs_its_utility_once(tmp_path, text):
    assert _entries(tmp_path, text) == ["bot.py"]


@pytest.mark.parametrize("text", ["entr -r", "entr", "ls | entr -s"])
def test_entr_without_a_utility_starts_nothing(tmp_path, text):
    assert _entries(tmp_path, text) == []
