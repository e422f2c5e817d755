"""Shell semantics shared by every format: concurrent, sequential, alternative; exec,
functions, source, trap EXIT, set -e; bounded nesting on hostile input."""
from __future__ import annotations

import time
from types import SimpleNamespace

from deploylint.commands import Context, analyse
from deploylint.commands.sequence import keeps_running, resolve, together
from deploylint.discover import discover
from deploylint.model import Command, Evidence, Location, Process

from conftest import write_tree

BOT = {"bot.py": "", "app.py": "", "migrate.py": ""}


def run(tmp_path, command, files=None):
    write_tree(tmp_path, {**BOT, **(files or {})})
    repo = discover(tmp_path)
    result = analyse(Command(Location("Procfile", 1, 6), shell=command), Context(repo))
    return result, repo


def named(result, entry):
    return [p for p in result.processes if p.entry == entry]


def polling():
    return Evidence("polling", "Telegram polling", Location("bot.py", 3), family="telegram")


def resolved(result, evidence_for=lambda p: []):
    instances = [SimpleNamespace(process=p, evidence=evidence_for(p)) for p in result.processes]
    resolve(instances)
    return result.processes


# -- sequential ------------------------------------------------------------------------
def test_line_after_a_foreground_server_waits_for_it(tmp_path):
    for command in ("uvicorn app:app; python bot.py", "uvicorn app:app && python bot.py",
                    "uvicorn app:app\npython bot.py\n"):
        result, _ = run(tmp_path, command)
        server, bot = resolved(result)
        assert bot.waits_for is server and server.waits_for is None
        assert bot.after == "`uvicorn app:app` exits" and bot.after_location == server.location
        assert not server.runs_beside(bot)


def test_after_a_one_shot_the_next_command_just_runs(tmp_path):
    result, _ = run(tmp_path, "python migrate.py && python bot.py")
    migrate, bot = resolved(result)
    assert bot.waits_for is migrate and bot.after == ""  # migrate.py reaches no server or bot


def test_a_bot_is_long_running_by_its_evidence(tmp_path):
    result, _ = run(tmp_path, "python bot.py; python migrate.py")
    bot, migrate = resolved(result, lambda p: [polling()] if p.entry == "bot.py" else [])
    assert migrate.after == "`python bot.py` exits" and bot.after == ""


def test_chain_skips_one_shots_to_the_long_running_command(tmp_path):
    result, _ = run(tmp_path, "gunicorn app:app; echo stopped; python migrate.py; python bot.py")
    processes = resolved(result)
    assert processes[-1].after == "`gunicorn app:app` exits"


def test_background_is_concurrent_not_sequential(tmp_path):
    result, _ = run(tmp_path, "python bot.py & uvicorn app:app & wait")
    bot, server, _wait = resolved(result)
    assert bot.background and server.background and not bot.after and not server.after
    assert bot.runs_beside(server)


def test_or_runs_after_failure_and_set_e_says_so(tmp_path):
    result, _ = run(tmp_path, "gunicorn app:app || python bot.py")
    assert resolved(result)[-1].after == "`gunicorn app:app` fails"
    result, _ = run(tmp_path, "set -e\ngunicorn app:app\npython bot.py")
    assert resolved(result)[-1].after == "`gunicorn app:app` exits without an error (`set -e`)"


def test_tail_f_and_sleep_infinity_never_exit():
    def process(*argv):
        return Process(argv=argv, location=Location("x"))
    assert keeps_running(process("tail", "-f", "/dev/null")) and keeps_running(process("sleep", "infinity"))
    assert not keeps_running(process("sleep", "5")) and not keeps_running(process("tail", "-n", "5", "log"))


def test_a_daemonizing_server_returns_at_once(tmp_path):
    result, _ = run(tmp_path, "gunicorn --daemon -w 4 app:app\npython bot.py")
    assert resolved(result)[-1].after == ""


def test_python_after_tail_f_is_a_fallback(tmp_path):
    result, _ = run(tmp_path, "tail -f /dev/null; python bot.py")
    assert resolved(result)[-1].after == "`tail -f /dev/null` exits"


# -- alternatives ----------------------------------------------------------------------
def test_if_else_branches_are_alternatives_with_readable_conditions(tmp_path):
    result, _ = run(tmp_path, 'if [ "$DEBUG" = 1 ]; then flask run; elif [ -n "$X" ]; then python bot.py; '
                              'else gunicorn -w 4 app:app; fi\npython migrate.py')
    flask, bot, gunicorn, migrate = result.processes
    assert flask.condition == 'the `if [ "$DEBUG" = 1 ]` branch'
    assert bot.condition == 'the `elif [ -n "$X" ]` branch of `if [ "$DEBUG" = 1 ]`'
    assert gunicorn.condition == 'the `else` branch of `if [ "$DEBUG" = 1 ]`'
    assert flask.excludes(gunicorn) and bot.excludes(flask) and not migrate.excludes(flask)
    assert migrate.condition == ""


def test_case_items_are_alternatives(tmp_path):
    result, _ = run(tmp_path, 'case "$ROLE" in bot|worker) python bot.py ;; *) gunicorn app:app ;; esac')
    bot, web = result.processes
    assert bot.excludes(web)
    assert bot.condition == 'the `bot|worker)` case of `case "$ROLE"`'


def test_test_and_command_is_a_one_branch_condition(tmp_path):
    result, _ = run(tmp_path, '[ "$RUN_BOT" = 1 ] && python bot.py &\nexec gunicorn app:app')
    bot, web = [p for p in result.processes if p.long_running]
    assert bot.condition == 'the branch after `[ "$RUN_BOT" = 1 ] &&`' and not bot.excludes(web)


def test_nested_conditions_keep_the_outer_branch(tmp_path):
    result, _ = run(tmp_path, 'if [ -n "$A" ]; then if [ -n "$B" ]; then python bot.py; fi; else gunicorn app:app; fi')
    bot, web = result.processes
    assert bot.excludes(web) and "inside the `if [ -n \"$A\" ]` branch" in bot.condition


def test_known_values_decide_the_condition(tmp_path):
    write_tree(tmp_path, BOT)
    repo = discover(tmp_path)
    script = ('if [ "$ROLE" = "bot" ]; then exec python bot.py; elif [[ -n $DEBUG ]]; then flask run; '
              'else exec gunicorn app:app; fi')

    def entries(command, **env):
        result = analyse(Command(Location("Procfile", 1, 6), shell=command), Context(repo, env=env))
        return [(p.entry, bool(p.branches)) for p in result.processes if p.long_running]
    assert entries(script, ROLE="bot") == [("bot.py", False)]
    assert entries(script, ROLE="web", DEBUG="") == [("app.py", False)]  # gunicorn, for certain
    assert entries(script, ROLE="web") == [("app.py", True), ("app.py", True)]  # DEBUG unknown: flask or gunicorn
    assert entries(script) == [("bot.py", True), ("app.py", True), ("app.py", True)]
    case = 'case "$1" in\n  bot*) exec python bot.py ;;\n  *) exec gunicorn app:app ;;\nesac'
    assert entries(case.replace("$1", "$MODE"), MODE="bot-polling") == [("bot.py", False)]
    assert entries(case.replace("$1", "$MODE"), MODE="web") == [("app.py", False)]
    assert entries('[ "$RUN_BOT" = 1 ] && python bot.py', RUN_BOT="0") == []
    assert entries('test "$RUN_BOT" != 1 || python bot.py', RUN_BOT="1") == [("bot.py", False)]


def test_together_is_max_over_branches_not_sum(tmp_path):
    result, _ = run(tmp_path, 'if [ -n "$A" ]; then python bot.py & python bot.py; else python bot.py; fi')
    pairs = [(SimpleNamespace(process=p), None) for p in result.processes]
    assert len(together(pairs)) == 2  # the `then` branch: two pollers at once, not three
    assert len(together(pairs[::-1])) == 2  # whatever the order


def test_variables_assigned_in_the_script_name_the_program(tmp_path):
    result, _ = run(tmp_path, 'BOT_FILE="bot.py"\nexport APP=app:app\nNOW=$(date)\npython -O $BOT_FILE\ngunicorn "$APP" $NOW',
                    {})
    bot, web = result.processes
    assert bot.entry == "bot.py" and web.entry == "app.py" and web.argv[-1] == "$NOW"


def test_script_arguments_fill_dollar_at_and_positionals(tmp_path):
    files = {"entrypoint.sh": 'set -e\npython migrate.py\necho "mode $1"\n: "${WORKERS:=3}"\n'
                              'export WEB_CONCURRENCY=$WORKERS\nexec "$@"\n'}
    write_tree(tmp_path, {**BOT, **files})
    repo = discover(tmp_path)
    result = analyse(Command(Location("Dockerfile", 5, 1), argv=("./entrypoint.sh", "gunicorn", "app:app")),
                     Context(repo))
    web = result.processes[-1]
    assert (web.server, web.entry, web.argv) == ("gunicorn", "app.py", ("gunicorn", "app:app"))
    assert web.workers.count == 3
    assert result.processes[1].argv == ("echo", "mode gunicorn")  # `set -e` is an option, not a program
    write_tree(tmp_path, {"run.sh": 'echo start\n"$@"\n'})
    result = analyse(Command(Location("Dockerfile", 5, 1), argv=("sh", "run.sh", "python", "bot.py")), Context(discover(tmp_path)))
    assert result.processes[-1].entry == "bot.py"
    result = analyse(Command(Location("Dockerfile", 5, 1), argv=("./entrypoint.sh",)), Context(repo))
    assert [p.argv[0] for p in result.processes] == ["python", "echo"]  # no arguments: `exec` alone
    assert not [f for f in repo.findings if f.code == "DPL004"]


# -- exec, functions, source, trap ------------------------------------------------------
def test_exec_ends_the_script(tmp_path):
    result, _ = run(tmp_path, "exec python bot.py\npython migrate.py")
    assert [p.entry for p in result.processes] == ["bot.py"]
    result, _ = run(tmp_path, 'if [ -z "$1" ]; then echo usage; exit 1; fi\nexec python bot.py')
    assert [p.entry for p in result.processes if p.long_running] == ["bot.py"]
    assert result.processes[-1].waits_for is None and result.processes[-1].branches
    result, _ = run(tmp_path, "exec > /tmp/log 2>&1\npython bot.py")  # redirections only: the shell goes on
    assert [p.entry for p in result.processes] == ["bot.py"]


def test_exec_in_one_branch_makes_the_rest_the_other_branch(tmp_path):
    result, _ = run(tmp_path, 'if [ "$1" = dev ]; then exec python bot.py --dev; fi\nexec python bot.py')
    dev, prod = result.processes
    assert dev.excludes(prod) and prod.waits_for is None
    result, _ = run(tmp_path, 'if [ "$1" = dev ]; then exec python bot.py; else exec gunicorn app:app; fi\npython migrate.py')
    assert [p.entry for p in result.processes] == ["bot.py", "app.py"]  # both arms exec: nothing after runs


def test_functions_run_where_called_and_recursion_stops(tmp_path):
    result, repo = run(tmp_path, "start() { python bot.py & }\nnever() { python migrate.py; }\nstart\nexec gunicorn app:app")
    assert [p.entry for p in result.processes] == ["bot.py", "app.py"]
    assert result.processes[0].background and result.processes[0].location.line == 1
    result, repo = run(tmp_path, "f() { g; }\ng() { f; }\nf\npython bot.py")
    assert [p.entry for p in result.processes if p.entry] == ["bot.py"]


def test_source_runs_a_repo_script_in_this_shell(tmp_path):
    files = {"lib.sh": "export A=1\nrun_bot() { python bot.py & }\npython migrate.py\n", "loop.sh": ". ./loop.sh\n"}
    result, _ = run(tmp_path, "source ./lib.sh\n. ./loop.sh\nrun_bot\nexec gunicorn app:app", files)
    migrate, bot, web = [p for p in result.processes if p.long_running]
    assert bot.location.path == "lib.sh" and bot.background and web.entry == "app.py"
    assert migrate.location == Location("lib.sh", 3, 1, 3, 18)
    assert [step.note for step in migrate.trace] == ["sources lib.sh"]
    assert [step.note for step in bot.trace] == ["calls shell function `run_bot` (lib.sh:2)"]


def test_trap_exit_action_runs_after_the_shell(tmp_path):
    result, _ = run(tmp_path, "trap 'python bot.py' EXIT\nexec gunicorn app:app")
    bot = next(p for p in result.processes if p.entry == "bot.py")
    assert bot.after.startswith("the shell exits") and not bot.runs_beside(result.processes[-1])
    assert [f.kind for f in result.facts] == ["trap"]


def test_trap_reset_ignore_and_double_dash_forms(tmp_path):
    # `trap - EXIT` resets, `trap '' EXIT` ignores: neither runs a program `-` or `''` at exit;
    # `trap -- 'cmd' EXIT` runs cmd (not `--`)
    result, _ = run(tmp_path, "trap - EXIT\ntrap '' EXIT\ntrap -- 'python cleanup.py' EXIT\nexec python bot.py",
                    {"cleanup.py": "print(1)\n"})
    after = [p for p in result.processes if p.after]
    assert [p.argv for p in after] == [("python", "cleanup.py")] and after[0].entry == "cleanup.py"


# -- hostile input ------------------------------------------------------------------------
def test_deep_nesting_is_an_analysis_limit_not_a_recursion_error(tmp_path):
    for command in ("if true; then " * 3000 + "python bot.py" + "; fi" * 3000,
                    "(" * 4000 + "python bot.py" + ")" * 4000,
                    "{ " * 3000 + "python bot.py;" + " }" * 3000,
                    "echo $(" * 2000 + "x" + ")" * 2000):
        result, repo = run(tmp_path, command)
        # tree-sitter itself gives up on some shapes (a syntax-error DPL004); else the budget (DPL006)
        assert any(f.code in ("DPL004", "DPL006") for f in repo.findings), command[:20]
    result, repo = run(tmp_path, "if true; then " * 3000 + "python bot.py" + "; fi" * 3000)
    assert [(f.code, f.message) for f in repo.findings] == [
        ("DPL006", "shell code nested more than 80 levels deep; the inner part was not analysed")]


def test_doubling_function_calls_are_bounded(tmp_path):
    script = "f0() { python migrate.py; }\n" + "".join(f"f{i}() {{ f{i - 1}; f{i - 1}; }}\n" for i in range(1, 40)) + "f39\n"
    started = time.monotonic()
    result, repo = run(tmp_path, script)
    assert time.monotonic() - started < 30 and len(result.processes) < 1000
    assert any(f.code == "DPL006" and "more than 400 shell function calls" in f.message for f in repo.findings)


def test_long_chains_are_linear_and_complete(tmp_path):
    started = time.monotonic()
    result, repo = run(tmp_path, "python migrate.py && " * 20000 + "python bot.py")
    assert len(result.processes) == 20001 and result.processes[-1].entry == "bot.py"
    resolved(result)
    assert time.monotonic() - started < 60
    assert not [f for f in repo.findings if f.code == "DPL004"]
