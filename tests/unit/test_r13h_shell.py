"""Round 13 shell control flow: tmux/screen sessions (runners/terminals.py), bash arrays,
EXIT-trap functions, function arguments, `shift N`, Procfile runner options
(runners/procfile.py): what runs, in the background or not, how many copies, and
bounded cost on hostile input."""
import time

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree


def run(tmp_path, command, files=None):
    write_tree(tmp_path, {"bot.py": "", "web.py": "", **(files or {})})
    repo = discover(tmp_path)
    return analyse(Command(Location("Procfile", 1, 6), shell=command), Context(repo)), repo


def started(result):
    return [(p.argv, p.background, p.copies.count) for p in result.processes if p.long_running]


def test_tmux_detached_session_runs_its_command_in_the_background(tmp_path):
    result, _ = run(tmp_path, "tmux new-session -d -s bot 'python bot.py'")
    assert started(result) == [(("python", "bot.py"), True, 1)]


def test_tmux_argv_after_options_with_values(tmp_path):
    result, _ = run(tmp_path, "tmux new -d -s bot -n main -c /app -x 200 -y 50 python bot.py")
    assert started(result) == [(("python", "bot.py"), True, 1)]


def test_tmux_attached_session_is_the_foreground(tmp_path):
    result, _ = run(tmp_path, "tmux new-session -s bot 'python bot.py'")
    assert started(result) == [(("python", "bot.py"), False, 1)]


def test_tmux_send_keys_runs_the_typed_line_and_chained_commands(tmp_path):
    result, _ = run(tmp_path, "tmux new -d -s s \\; send-keys -t s 'python bot.py' C-m \\; neww -t s 'python web.py'")
    assert started(result) == [(("python", "bot.py"), True, 1), (("python", "web.py"), True, 1)]


def test_tmux_send_keys_without_enter_runs_nothing(tmp_path):
    result, _ = run(tmp_path, "tmux send-keys -t s 'python bot.py'; tmux send-keys -t s C-c")
    assert started(result) == []


def test_tmux_queries_start_nothing(tmp_path):
    result, _ = run(tmp_path, "tmux has-session -t bot; tmux kill-session -t bot; tmux ls; tmux new -d -s empty")
    assert started(result) == []


def test_screen_detached_foreground_and_stuff(tmp_path):
    result, _ = run(tmp_path, "screen -dmS bot python bot.py")
    assert started(result) == [(("python", "bot.py"), True, 1)]
    result, _ = run(tmp_path, "screen -DmS bot python bot.py")
    assert started(result) == [(("python", "bot.py"), False, 1)]
    result, _ = run(tmp_path, "screen -S bot -X stuff 'python bot.py\\n'")
    assert started(result) == [(("python", "bot.py"), True, 1)]
    result, _ = run(tmp_path, "screen -ls; screen -r bot; screen -S bot -X quit; screen -dmS empty")
    assert started(result) == []


def test_screen_shell_text(tmp_path):
    result, _ = run(tmp_path, "screen -S bot -dm bash -c 'cd . && python bot.py'")
    assert started(result) == [(("python", "bot.py"), True, 1)]


def test_arrays_spread_append_and_index(tmp_path):
    result, _ = run(tmp_path, 'cmd=(python -u); cmd+=(bot.py); echo "${cmd[0]}"; exec "${cmd[@]}"')
    assert started(result) == [(("python", "-u", "bot.py"), False, 1)]


def test_array_with_a_run_time_word_is_unknown(tmp_path):
    result, _ = run(tmp_path, 'cmd=(python "$(cat entry)"); exec "${cmd[@]}"')
    assert [p.kind for p in result.processes] == ["unknown"]


def test_array_doubling_is_bounded(tmp_path):
    text = "a=(python bot.py)\n" + 'a+=("${a[@]}")\n' * 200 + '"${a[@]}"\n'
    start = time.perf_counter()
    result, _ = run(tmp_path, text)
    assert time.perf_counter() - start < 5
    assert len(result.processes) <= 2


def test_trap_function_defined_below_runs_at_exit(tmp_path):
    result, _ = run(tmp_path, "trap on_exit EXIT\non_exit() { python web.py; }\npython bot.py")
    after = [(p.argv, bool(p.after)) for p in result.processes if p.long_running]
    assert after == [(("python", "bot.py"), False), (("python", "web.py"), True)]


def test_trap_function_that_sets_its_own_trap_is_bounded(tmp_path):
    result, _ = run(tmp_path, "f() { trap f EXIT; trap g EXIT; python bot.py; }\ng() { f; }\ntrap f EXIT\nf")
    assert 1 <= len([p for p in result.processes if p.long_running]) <= 40


def test_function_arguments_are_its_positional_parameters(tmp_path):
    result, _ = run(tmp_path, 'start() { name=$1; shift; "$@" & }\nstart a python bot.py\nstart b python web.py\nwait')
    assert started(result) == [(("python", "bot.py"), True, 1), (("python", "web.py"), True, 1)]


def test_shift_counts(tmp_path):
    files = {"w.sh": 'h="$1"; shift\n[ "$1" = "-t" ] && shift 2\n[ "$1" = "--" ] && shift\nexec "$@"\n'}
    result, _ = run(tmp_path, "bash w.sh db:5432 -t 60 -- python bot.py", files)
    assert started(result) == [(("python", "bot.py"), False, 1)]
    result, _ = run(tmp_path, 'bash w.sh python bot.py', {"w.sh": 'shift 99999999999\nshift 3\nexec "$@"\n'})
    assert started(result) == [(("python", "bot.py"), False, 1)]  # past the end: bash shifts nothing
    result, _ = run(tmp_path, 'bash w.sh a python bot.py', {"w.sh": 'shift "$N"\nexec "$@"\n'})
    assert [p.kind for p in result.processes] == ["unknown"]  # shifted by a run-time count


def test_procfile_runner_options_and_formation(tmp_path):
    files = {"Procfile.prod": "bot: python bot.py\nweb: python web.py\n"}
    result, _ = run(tmp_path, "honcho -f Procfile.prod start -c bot=3", files)
    assert sorted(started(result)) == [(("python", "bot.py"), True, 3), (("python", "web.py"), True, 1)]
    result, _ = run(tmp_path, "foreman start -f Procfile.prod -m all=1,bot=0", files)
    assert started(result) == [(("python", "web.py"), True, 1)]
    result, _ = run(tmp_path, "overmind start -f Procfile.prod -l bot", files)
    assert started(result) == [(("python", "bot.py"), True, 1)]
    result, _ = run(tmp_path, "hivemind Procfile.prod", files)
    assert len(started(result)) == 2


def test_procfile_formation_hostile_values(tmp_path):
    files = {"Procfile": "bot: python bot.py\n"}
    result, _ = run(tmp_path, "honcho start -c bot=99999999999,bot=-1,=2,bot=x," + "a=1," * 5000, files)
    assert started(result) == [(("python", "bot.py"), True, 1)]
    result, _ = run(tmp_path, "honcho start -c bot=5000", files)
    assert started(result) == [(("python", "bot.py"), True, 1000)]


def test_tmux_chain_is_bounded(tmp_path):
    text = "tmux " + " \\; ".join(["new -d 'python bot.py'"] * 500)
    start = time.perf_counter()
    result, _ = run(tmp_path, text)
    assert time.perf_counter() - start < 10
    assert len(started(result)) <= 32


def test_detaching_programs(tmp_path):
    result, _ = run(tmp_path, "setsid -f python bot.py")
    assert started(result) == [(("python", "bot.py"), True, 1)]
    result, _ = run(tmp_path, "setsid python bot.py")
    assert started(result) == [(("python", "bot.py"), False, 1)]
    result, _ = run(tmp_path, "start-stop-daemon -S -b -m -p /run/b.pid --exec=/usr/bin/python3 -- bot.py")
    assert started(result) == [(("/usr/bin/python3", "bot.py"), True, 1)]
    result, _ = run(tmp_path, "start-stop-daemon --stop --exec /usr/bin/python3; start-stop-daemon --start")
    assert started(result) == []
    result, _ = run(tmp_path, "coproc python bot.py; daemonize -c /app -p /run/x.pid /usr/bin/python3 web.py")
    assert started(result) == [(("python", "bot.py"), True, 1), (("/usr/bin/python3", "web.py"), True, 1)]
    result, _ = run(tmp_path, "start-stop-daemon " + "-S -b " * 3000 + "-x")  # a value that is missing
    assert started(result) == []
