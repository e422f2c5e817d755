"""runners/flock: the command flock runs, the lock file, and which runs exclude each other."""
from __future__ import annotations

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location


def _run(tmp_path, text: str):
    (tmp_path / "bot.py").write_text("print(1)\n")
    repo = discover(tmp_path)
    return analyse(Command(Location("Procfile", 1, 1), shell=text), Context(repo))


def _bots(analysis):
    return [p for p in analysis.processes if p.entry == "bot.py"]


def test_forms_run_the_command(tmp_path):
    for text in ("flock /tmp/l python bot.py", "flock -n -E 3 /tmp/l python bot.py", "flock -w 5 -- /tmp/l python bot.py",
                 "flock --timeout=5 /tmp/l python bot.py", "flock -x /tmp/l -c 'python bot.py'",
                 "flock /tmp/l --command 'cd . && python bot.py'"):
        analysis = _run(tmp_path, text)
        assert len(_bots(analysis)) == 1, text
        assert [f.text for f in analysis.facts if f.kind == "lock-file"] == ["flock /tmp/l"], text


def test_runs_under_one_lock_exclude_each_other(tmp_path):
    one, two = _bots(_run(tmp_path, "flock -n /tmp/l python bot.py & flock -n /tmp/l python bot.py"))
    assert one.excludes(two)
    one, two = _bots(_run(tmp_path, "flock -n /tmp/a python bot.py & flock -n /tmp/b python bot.py"))
    assert not one.excludes(two)  # two lock files: both run
    one, two = _bots(_run(tmp_path, "flock -s /tmp/l python bot.py & flock -s /tmp/l python bot.py"))
    assert not one.excludes(two)  # shared locks exclude nothing
    one, two = _bots(_run(tmp_path, "flock -n /tmp/l python bot.py & python bot.py"))
    assert not one.excludes(two)  # the second does not take the lock


def test_descriptor_and_odd_forms_start_nothing(tmp_path):
    for text in ("flock 9", "flock -n 9 || exit 1", "flock", "flock -n", "flock -c", "flock /tmp/l -c", "flock -w"):
        analysis = _run(tmp_path, text)
        assert not _bots(analysis), text
