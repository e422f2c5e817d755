"""Round 14 shell: directories built from a script-directory variable, `cmd+=" --flag"`,
an assignment tree-sitter splits at a backtick, system-bin programs, and a launch's closed
environment (a variable compose does not pass is unset when a script tests it)."""
import time

from deploylint.commands import Context, analyse
from deploylint.commands.shell_values import from_anchor
from deploylint.commands.shell_words import assigned_names
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree


def run(tmp_path, command, files=None, **context):
    write_tree(tmp_path, {"bot.py": "", "web.py": "", **(files or {})})
    repo = discover(tmp_path)
    return analyse(Command(Location("Procfile", 1, 6), shell=command), Context(repo, **context)), repo


def started(result):
    return [(p.argv, p.background, p.kind) for p in result.processes if p.long_running]


def test_directory_from_a_script_directory_variable():
    anchors = {"SCRIPT_DIR": "deploy/scripts", "HERE": ""}
    assert from_anchor('$(dirname "$SCRIPT_DIR")', anchors) == "deploy"
    assert from_anchor('$(dirname "${SCRIPT_DIR}")/src', anchors) == "deploy/src"
    assert from_anchor('$(cd "$SCRIPT_DIR/.." && pwd)', anchors) == "deploy"
    assert from_anchor('$(cd -- "$SCRIPT_DIR/../.." >/dev/null 2>&1; pwd -P)', anchors) == ""
    assert from_anchor('$(realpath "$SCRIPT_DIR/..")', anchors) == "deploy"
    assert from_anchor('$(readlink -f "${SCRIPT_DIR}/../..")', anchors) == ""
    assert from_anchor('$(dirname "$HERE")', anchors) is None  # out of the repository
    assert from_anchor('$(dirname "$OTHER")', anchors) is None  # not a script directory
    assert from_anchor('$(basename "$SCRIPT_DIR")', anchors) is None


def test_script_runs_a_file_under_the_parent_of_its_directory(tmp_path):
    files = {"scripts/start.sh": 'D="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\nR="$(dirname "$D")"\n'
                                 'cd "$R"\npython "$R/bot.py" &\nexec gunicorn web:app\n'}
    result, repo = run(tmp_path, "bash scripts/start.sh", files)
    assert [p.entry for p in result.processes if p.long_running] == ["bot.py", "web.py"]
    assert not [f for f in repo.findings if f.code == "DPL004"]


def test_appended_string_keeps_the_program(tmp_path):
    text = 'CMD="python bot.py"\nif [ -n "$X" ]; then CMD+=" --debug"; fi\nexec $CMD'
    result, _ = run(tmp_path, text)
    assert started(result) == [(("python", "bot.py", "--debug"), False, "python-script")]
    result, repo = run(tmp_path, 'CMD+=" --debug"\n$CMD')  # appended to an unknown value: still unknown
    assert started(result) == [(("$CMD",), False, "unknown")]


def test_assignment_split_at_a_backtick_runs_nothing(tmp_path):
    result, _ = run(tmp_path, "out=./log/`date +%s`.txt\nnohup python bot.py > $out 2>&1 &\nwait")
    assert started(result) == [(("python", "bot.py"), True, "python-script")]


def test_system_bin_program_is_the_installed_program(tmp_path):
    result, repo = run(tmp_path, "python bot.py & exec /usr/sbin/nginx -g 'daemon off;'")
    assert started(result) == [(("python", "bot.py"), True, "python-script"),
                               (("/usr/sbin/nginx", "-g", "daemon off;"), False, "other")]
    assert not repo.findings
    result, repo = run(tmp_path, "/usr/local/bin/start.sh")  # a script name: still one to follow
    assert [f.code for f in repo.findings] == ["DPL004"]


def test_assigned_names():
    assert assigned_names("A=1\nexport B=2\nlocal C\nread -r D E\nfor F in x; do :; done\nG+=x\narr[1]=y") \
        == {"A", "B", "D", "E", "F", "G", "arr"}
    assert assigned_names("set -a\n. ./.env") is None
    assert assigned_names("export $(cat .env | xargs)") is None
    assert assigned_names('eval "$(direnv export bash)"') is None


ROLE = 'if [ "$RUN_BOT" = 1 ]; then exec python bot.py; elif [ "$RUN_WEB" = 1 ]; then exec gunicorn web:app; fi'


def test_closed_environment_decides_an_unset_flag(tmp_path):
    result, _ = run(tmp_path, ROLE, env={"RUN_WEB": "1"}, env_closed=True)
    assert started(result) == [(("gunicorn", "web:app"), False, "python-app")]
    result, _ = run(tmp_path, ROLE, env={"RUN_WEB": "1"})  # open: RUN_BOT may come from anywhere
    assert len(started(result)) == 2


def test_closed_environment_keeps_what_the_script_may_set(tmp_path):
    text = f"RUN_BOT=$(cat /run/flag)\n{ROLE}"
    result, _ = run(tmp_path, text, env={"RUN_WEB": "1"}, env_closed=True)
    assert len(started(result)) == 2
    text = f"source /etc/profile.d/bot.sh\n{ROLE}"  # a file not read may set it
    result, _ = run(tmp_path, text, env={"RUN_WEB": "1"}, env_closed=True)
    assert len(started(result)) == 2
    files = {"env.sh": "RUN_BOT=1\n"}  # a repository file it sources sets it
    result, _ = run(tmp_path, f". ./env.sh\n{ROLE}", files, env={"RUN_WEB": "1"}, env_closed=True)
    assert started(result) == [(("python", "bot.py"), False, "python-script")]


def test_closed_environment_passes_to_a_script_only_when_every_name_is_known(tmp_path):
    files = {"role.sh": ROLE}
    result, _ = run(tmp_path, "MODE=x\nexec sh role.sh", files, env={"RUN_WEB": "1"}, env_closed=True)
    assert len(started(result)) == 1
    result, _ = run(tmp_path, "MODE=$(date)\nexec sh role.sh", files, env={"RUN_WEB": "1"}, env_closed=True)
    assert len(started(result)) == 2


def test_hostile_assignment_scan_is_linear():
    text = "A=1 " * 50_000 + "read " + "x " * 50_000 + "for" * 30_000
    began = time.perf_counter()
    names = assigned_names(text)
    assert names is not None and "A" in names and "x" in names
    assert time.perf_counter() - began < 2


def test_pushd_and_popd_change_directory(tmp_path):
    files = {"svc/bot.py": "", "svc/inner/x.py": ""}
    result, repo = run(tmp_path, "pushd svc\npython bot.py &\npushd -n inner\npopd\npopd\nexec python web.py", files)
    assert [p.entry for p in result.processes if p.long_running] == ["svc/bot.py", "web.py"]
    assert not repo.findings
    result, _ = run(tmp_path, "popd\npopd\n" + "pushd svc\npopd\n" * 100 + "pushd svc\npython bot.py")  # never below empty
    assert [p.entry for p in result.processes if p.long_running] == ["svc/bot.py"]


def test_more_test_forms_are_decided(tmp_path):
    def bots(test, **context):
        result, _ = run(tmp_path, f"if {test}; then exec python bot.py; fi\nexec gunicorn web:app", **context)
        return [p.argv[0] for p in result.processes if p.long_running]

    closed = {"env": {"RUN_WEB": "1"}, "env_closed": True}
    assert bots('[ "$RUN_BOT" ]', **closed) == ["gunicorn"]
    assert bots('[[ -v RUN_BOT ]]', **closed) == ["gunicorn"]
    assert bots('[[ -v RUN_WEB ]]', **closed) == ["python"]
    assert bots('test -n "$RUN_BOT"', **closed) == ["gunicorn"]
    assert bots('[ "$RUN_BOT" = true ] || [ "$RUN_BOT" = 1 ]', **closed) == ["gunicorn"]
    assert bots('[ "$RUN_BOT" = true ] || [ "$RUN_WEB" = 1 ]', **closed) == ["python"]
    assert bots('[ "$X" = 1 ] || [ "$RUN_WEB" = 1 ]', env={"RUN_WEB": "1"}) == ["python"]  # whatever X is
    assert bots('[ "$X" = 1 ] && [ "$RUN_WEB" = 1 ]', env={"RUN_WEB": "0"}) == ["gunicorn"]
    assert bots('[ "$X" = 1 ] || [ "$Y" = 1 ]') == ["python", "gunicorn"]  # open: either may hold
    assert bots('[[ -v RUN_BOT ]]') == ["python", "gunicorn"]
    long_chain = " || ".join(['[ "$X" = 1 ]'] * 3000)
    assert bots(long_chain, **closed) == ["gunicorn"]


def test_unmodelled_program_with_a_task_verb_exits(tmp_path):
    result, _ = run(tmp_path, "ollama pull llama3 && mc mb local/b; docker pull img; ollama serve")
    assert started(result) == [(("ollama", "serve"), False, "other")]
