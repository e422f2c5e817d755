"""Loops, `wait`, Makefile targets and the wrappers of round 11 (shell_loops.py,
runners/make.py, runners/wrappers.py): what runs, how many copies, and bounded cost."""
import time

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree


def run(tmp_path, command, files=None, argv=None):
    write_tree(tmp_path, {"bot.py": "", **(files or {})})
    repo = discover(tmp_path)
    where = Location("Procfile", 1, 6)
    cmd = Command(where, argv=tuple(argv)) if argv else Command(where, shell=command)
    return analyse(cmd, Context(repo)), repo


def bots(result):
    return [p for p in result.processes if p.long_running and p.entry]


def test_restart_loop_is_one_copy_and_records_the_loop(tmp_path):
    result, _ = run(tmp_path, "while true; do python bot.py; sleep 5; done")
    (bot,) = bots(result)
    assert bot.copies.count == 1 and "`while true` loop" in bot.restarted
    assert [f.kind for f in result.facts] == []  # the back-off sleep orders nothing


def test_until_restarts_its_condition(tmp_path):
    result, _ = run(tmp_path, "until python bot.py; do sleep 5; done")
    (bot,) = bots(result)
    assert "`until python bot.py` loop" in bot.restarted


def test_background_in_endless_loop_is_at_least_two(tmp_path):
    result, _ = run(tmp_path, "while :; do python bot.py & sleep 60; done")
    (bot,) = bots(result)
    assert bot.copies.count == 2 and "every pass" in bot.copies.reason


def test_loop_that_waits_or_kills_keeps_one(tmp_path):
    for text in ("while :; do python bot.py & wait; done", "while :; do python bot.py & p=$!; sleep 9; kill $p; done"):
        result, _ = run(tmp_path, text)
        assert [b.copies.count for b in bots(result)] == [1], text


def test_for_count_multiplies_and_brace_ranges(tmp_path):
    for text, count in (("for i in 1 2 3; do python bot.py & done", 3), ("for i in {1..4}; do python bot.py & done", 4),
                        ("for ((i=0; i<5; i++)); do python bot.py & done", 5), ("N=2; for i in $(seq $N); do python bot.py & done", 2),
                        ("for i in $(ls); do python bot.py & done", 2)):
        result, _ = run(tmp_path, text)
        assert [b.copies.count for b in bots(result)] == [count], text


def test_for_binds_the_variable_per_item(tmp_path):
    result, _ = run(tmp_path, 'for b in a b; do python "$b/main.py" & done', {"a/main.py": "", "b/main.py": ""})
    assert [b.entry for b in bots(result)] == ["a/main.py", "b/main.py"]


def test_for_passes_told_apart_by_the_variable_are_one_program(tmp_path):
    result, _ = run(tmp_path, "for i in 0 1 2; do python bot.py --shard $((i)) & done")
    assert [b.copies.count for b in bots(result)] == [1]


def test_wait_orders_the_next_command_after_the_jobs(tmp_path):
    result, _ = run(tmp_path, "python bot.py & wait; python bot.py")
    first, second = bots(result)
    assert second.waits_for is first and "`wait`" in second.waits_how
    result, _ = run(tmp_path, "python bot.py & wait -n; python bot.py")
    first, second = bots(result)
    assert second.waits_for is not first


def test_hostile_loops_stay_bounded(tmp_path):
    words = " ".join(str(i) for i in range(5000))
    nested = "for a in 1 2 3 4 5 6 7 8; do " * 12 + "python bot.py $a &" + " done;" * 12
    for text in (f"for i in {words}; do python bot.py $i & done", "for i in $(seq 1 999999999); do python bot.py & done",
                 "for i in {1..99999999999}; do python bot.py & done", nested,
                 "for ((i=0; i<99999999; i++)); do python bot.py & done", "while true; do " * 60 + "x" + "; done" * 60):
        started = time.monotonic()
        run(tmp_path, text)
        assert time.monotonic() - started < 10, text[:40]


def test_make_runs_prerequisites_then_recipe_lines(tmp_path):
    makefile = "PY ?= python3\nrun: migrate\n\t@$(PY) bot.py --port $(PORT)\nmigrate:\n\t-alembic upgrade head\n"
    result, repo = run(tmp_path, "make run", {"Makefile": makefile})
    argvs = [p.argv for p in result.processes]
    assert argvs == [("alembic", "upgrade", "head"), ("python3", "bot.py", "--port", "${PORT}")]
    assert (result.processes[1].location.path, result.processes[1].location.line) == ("Makefile", 3)
    assert repo.findings == []


def test_make_default_goal_jobs_and_recursion(tmp_path):
    makefile = "all: a b\na:\n\tpython bot.py\nb:\n\t$(MAKE) a\nloop: loop\n\tpython bot.py\n"
    result, _ = run(tmp_path, "make -j 2", {"Makefile": makefile})
    assert [p.background for p in bots(result)] == [True, True]
    result, _ = run(tmp_path, "make loop", {"Makefile": makefile})  # a target that needs itself
    assert len(bots(result)) == 1


def test_make_hostile_makefile(tmp_path):
    chain = "".join(f"t{i}: t{i + 1}\n\tpython bot.py\n" for i in range(3000))
    cycle = "A = $(B)\nB = $(A)\nrun:\n\t$(A) python bot.py\n"
    for makefile in (chain, cycle, "\\\n" * 5000 + "run:\n\tpython bot.py\n", ":\n\t\n=\n" * 100):
        started = time.monotonic()
        run(tmp_path, "make t0 run", {"Makefile": makefile})
        assert time.monotonic() - started < 10


def test_wrappers_reach_the_command(tmp_path):
    for argv in (("nice", "-n", "10", "python", "bot.py"), ("ionice", "-c2", "-n7", "python", "bot.py"),
                 ("stdbuf", "-oL", "python", "bot.py"), ("taskset", "-c", "0", "python", "bot.py"),
                 ("sudo", "-E", "-u", "app", "python", "bot.py"), ("su", "app", "-c", "python bot.py"),
                 ("su", "-s", "/bin/sh", "-c", "python bot.py", "app"), ("runuser", "-u", "app", "--", "python", "bot.py"),
                 ("setpriv", "--reuid=1000", "--init-groups", "python", "bot.py"), ("s6-setuidgid", "app", "python", "bot.py"),
                 ("xvfb-run", "-a", "python", "bot.py"), ("doppler", "run", "--", "python", "bot.py"),
                 ("infisical", "run", "--env=prod", "--", "python", "bot.py"), ("eval", "python bot.py")):
        result, _ = run(tmp_path, None, argv=argv)
        assert [b.entry for b in bots(result)] == ["bot.py"], argv


def test_wrappers_with_nothing_to_run_are_one_shots(tmp_path):
    for argv in (("nice",), ("su", "app"), ("doppler", "setup"), ("xargs",), ("parallel", "-j", "2"), ("sudo", "-u")):
        result, _ = run(tmp_path, None, argv=argv)
        assert bots(result) == [], argv


def test_xargs_and_parallel_copies(tmp_path):
    result, _ = run(tmp_path, "seq 4 | xargs -P4 -n1 python bot.py")
    assert [b.copies.count for b in bots(result)] == [4]
    result, _ = run(tmp_path, "parallel python {} ::: bot.py bot.py")
    assert [b.background for b in bots(result)] == [True, True]


def test_long_ranges_are_many_not_none(tmp_path):
    for text in ("for i in $(seq 1 5000); do python bot.py & done", "for i in {1..5000}; do python bot.py & done"):
        result, _ = run(tmp_path, text)
        assert [b.copies.count for b in bots(result)] == [2], text  # unknown count: at least 2
    result, _ = run(tmp_path, "for i in $(seq 5 1); do python bot.py & done")  # seq counts down: nothing
    assert bots(result) == []


def test_nothing_after_an_endless_loop_runs(tmp_path):
    result, _ = run(tmp_path, "while true; do python bot.py; sleep 5; done\npython bot.py")
    assert len(bots(result)) == 1
    result, _ = run(tmp_path, "while true; do python bot.py || break; done\npython bot.py")
    assert len(bots(result)) == 2
    result, _ = run(tmp_path, "while true; do python bot.py; done &\npython bot.py")
    assert len(bots(result)) == 2


def test_make_default_goal_messages_and_crlf(tmp_path):
    makefile = ".DEFAULT_GOAL := run\r\nhelp:\r\n\t@echo help\r\nrun:\r\n\t$(info Running the bot)\r\n\tpython bot.py\r\n"
    result, repo = run(tmp_path, "make", {"Makefile": makefile})
    assert [b.argv for b in bots(result)] == [("python", "bot.py")]
    assert repo.findings == []
