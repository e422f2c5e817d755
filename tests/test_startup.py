"""Start-up cost: libraries and analysers are imported only when their input is present
(issue: a clean small repository imports no jsonschema, ruamel.yaml, dockerfile-parse or
pathspec when it has nothing for them), and `--version` answers before the CLI library
is loaded. Measured by which modules a real run imports, not by wall time."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import write_tree

BOT = ("import os\nfrom telegram.ext import Application\n\n"
       "Application.builder().token(os.environ['BOT_TOKEN']).build().run_polling()\n")
PROBE = ("import json, sys\nsys.argv = ['deploylint', *sys.argv[1:]]\nfrom deploylint.entry import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "sys.__stderr__.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n")

HEAVY = ("jsonschema", "ruamel.yaml", "dockerfile_parse", "pathspec", "tree_sitter", "tree_sitter_bash",
         "tree_sitter_javascript", "tree_sitter_python", "tree_sitter_go", "tomllib", "deploylint.checks.unparsable_config",
         "deploylint.formats.compose", "deploylint.yamlfile",
         "deploylint.formats.github_actions", "deploylint.formats.github_actions_runs",
         "deploylint.report.sarif", "deploylint.rulepages", "deploylint.baseline", "difflib",
         # formats and readers of rounds 10-11, for inputs these repositories do not have
         "deploylint.formats.nixpacks", "deploylint.formats.helm", "deploylint.formats.koyeb",
         "deploylint.runners.make", "deploylint.runners.go", "deploylint.runners.go_build", "deploylint.code.go")


def modules_imported(root, *args) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=root, capture_output=True, text=True,
                            timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


def imported_heavy(modules: set[str]) -> set[str]:
    return {name for name in HEAVY if name in modules}


def test_a_procfile_bot_imports_none_of_the_heavy_libraries(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python bot.py\n", "bot.py": BOT, "requirements.txt": "ptb\n"})
    assert imported_heavy(modules_imported(tmp_path, ".")) == set()


@pytest.mark.parametrize("files, needed", [
    ({"docker-compose.yml": "services:\n  bot:\n    build: .\n    command: python bot.py\n"},
     {"ruamel.yaml", "deploylint.formats.compose", "deploylint.yamlfile"}),
    ({"Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n"}, {"dockerfile_parse"}),
    ({"fly.toml": "app = 'bot'\n[processes]\nworker = 'python bot.py'\n"}, {"tomllib"}),
    ({"Procfile": "worker: python bot.py & python bot.py\n"}, {"tree_sitter", "tree_sitter_bash"}),
])
def test_each_library_only_when_its_input_is_there(tmp_path, files, needed):
    write_tree(tmp_path, {"bot.py": BOT, **files})
    assert imported_heavy(modules_imported(tmp_path, ".")) == needed


def test_an_ignored_tree_outside_git_reads_its_gitignore_with_pathspec_only_then(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python bot.py\n", "bot.py": BOT, ".gitignore": "build/\n"})
    assert "pathspec" in modules_imported(tmp_path, ".")


def test_version_answers_without_the_cli_library(tmp_path):
    modules = modules_imported(tmp_path, "--version")
    assert not any(name == "click" or name.startswith("click.") for name in modules)
    assert not any(name.startswith("deploylint.") and name != "deploylint.entry" for name in modules)
    for flag in ("--version", "-V"):
        out = subprocess.run([sys.executable, "-m", "deploylint", flag], capture_output=True, text=True, timeout=60)
        from deploylint import __version__
        assert out.returncode == 0 and out.stdout == f"deploylint, version {__version__}\n"


def test_the_core_does_not_import_pathlib(tmp_path):
    """pathlib pulls in urllib.parse and ipaddress (~5 % of a small scan): the core works
    with string paths. (An editable install's import hook loads pathlib before any of
    our code; then there is nothing to measure.)"""
    before = subprocess.run([sys.executable, "-c", "import sys; print('pathlib' in sys.modules)"],
                            capture_output=True, text=True, timeout=60).stdout.strip()
    if before == "True":
        pytest.skip("pathlib is loaded at interpreter start here (editable install)")
    write_tree(tmp_path, {"bot.py": BOT, "Procfile": "web: gunicorn app:app\nworker: python bot.py\n",
                          "docker-compose.yml": "services:\n  bot:\n    build: .\n    command: python bot.py\n",
                          "Dockerfile": "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n"})
    assert "pathlib" not in modules_imported(tmp_path, ".")


def test_no_module_imports_by_compiling_a_pattern():
    """Patterns compile on first use (`patterns.lazy_re`): a module-level `re.compile` costs
    every run that imports the module, whether or not the pattern is ever used."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "deploylint"
    eager = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "patterns.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = getattr(node, "value", None)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(value, ast.Call) \
                    and isinstance(value.func, ast.Attribute) and value.func.attr == "compile" \
                    and isinstance(value.func.value, ast.Name) and value.func.value.id == "re":
                eager.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    assert eager == []


def test_a_railway_bot_without_nixpacks_config_does_not_load_the_nixpacks_reader(tmp_path):
    write_tree(tmp_path, {"railway.json": '{"deploy": {"startCommand": "python bot.py"}}\n', "bot.py": BOT,
                          "Procfile": "worker: python bot.py\n"})
    modules = modules_imported(tmp_path, ".")
    assert "deploylint.formats.railway" in modules and "deploylint.formats.nixpacks" not in modules
    write_tree(tmp_path, {"nixpacks.toml": "[start]\ncmd = 'python bot.py'\n"})
    assert "deploylint.formats.nixpacks" in modules_imported(tmp_path, ".")


# -- round 14: what a small clean bot repository does not load -----------------------------
SMALL = {"Procfile": "web: gunicorn app.main:app -w 2\nworker: python -m app.bot\n",
         "docker-compose.yml": "services:\n  bot:\n    build: .\n    command: python -m app.bot\n"
                               "    environment:\n      BOT_TOKEN: ${BOT_TOKEN}\n    deploy:\n      replicas: 1\n"
                               "  redis:\n    image: redis:7\n",
         "Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                       "CMD [\"python\", \"-m\", \"app.bot\"]\n",
         "requirements.txt": "python-telegram-bot\nflask\ngunicorn\n", "README.md": "# a bot\n",
         "app/__init__.py": "", "app/main.py": "from flask import Flask\napp = Flask(__name__)\n",
         "app/bot.py": "import os\nfrom telegram.ext import Application\n\n\ndef main():\n"
                       "    Application.builder().token(os.environ['BOT_TOKEN']).build().run_polling()\n\n\n"
                       "if __name__ == '__main__':\n    main()\n"}

# (module, why it is not needed by SMALL)
NOT_LOADED = (
    ("deploylint.commands.shell", "every start command is one plain simple command (shell_simple.py)"),
    ("deploylint.commands.shell_loops", "no shell walk"),
    ("deploylint.checks.hardcoded_bot_token", "no token literal (DPL201)"),
    ("deploylint.checks.shared_bot_token", "no token literal (DPL202)"),
    ("deploylint.checks.kill_by_name", "no pkill/killall (DPL301)"),
    ("deploylint.checks.sleep_sequencing", "no sleep (DPL303)"),
    ("deploylint.checks.shadowed_start_command", "no shadowed config (DPL107)"),
    ("deploylint.checks.polling_in_background", "nothing started in the background (DPL103)"),
    ("deploylint.checks.backgrounded_and_exits", "nothing started in the background (DPL110)"),
    ("deploylint.formats.dockerfile_dirs", "the image's WORKDIR holds a repository directory"),
    ("deploylint.formats.compose_legacy", "the compose file has `services:`"),
    ("deploylint.code.python_runpy", "no runpy or importlib in the Python code"),
    ("deploylint.code.python_alternates", "no name imported twice"),
    ("deploylint.platforms", "no finding to tag with its platform"),
    ("deploylint.checks.deprecated_config", "no railway.json/toml (DPL005)"),
)
# patterns a plain name, a plain command or a Python image answer without compiling
UNCOMPILED = ("deploylint.formats.docker_build:_EVIDENCE.pattern", "deploylint.formats.docker_build:_COMPILE",
              "deploylint.formats.docker_build:_COMPILE_INSTALL",
              "deploylint.formats.compose_projects:_EVIDENCE_NAMES.pattern",
              "deploylint.formats.compose_projects:COMPOSE_VARIANT",
              "deploylint.formats.platform_common:_TEXT_FILES.pattern", "deploylint.suppress:_HASH_NAMES",
              "deploylint.secrets:_COMPOSE", "deploylint.formats.dockerfile_image:_NODE_IMAGE",
              "deploylint.formats.dockerfile_image:_NODE_BINARY_IMAGE", "deploylint.formats.dockerfile_image:_DENO_IMAGE",
              "deploylint.formats.dockerfile_image:_BUN_IMAGE", "deploylint.formats.dockerfile_image:_SHIPS_ENTRYPOINT",
              "deploylint.formats.names:PM2_DATA_CONFIG", "deploylint.formats.names:SWARM_STACK")
PROBE_STATE = PROBE + (
    "import importlib\nfrom deploylint.cli import cli\ncompiled = []\n"
    f"for spec in {UNCOMPILED!r}:\n"
    "    module, _, name = spec.partition(':')\n    value = importlib.import_module(module)\n"
    "    for part in name.split('.'):\n        value = getattr(value, part)\n"
    "    if value.__dict__.get('_re') is not None:\n        compiled.append(spec)\n"
    "sys.__stderr__.write('\\nSTATE ' + json.dumps({'commands': sorted(cli.commands), 'compiled': compiled}) + '\\n')\n")


def test_a_small_clean_bot_repository_loads_only_what_it_uses(tmp_path):
    write_tree(tmp_path, SMALL)
    import os

    # as users run it: the suite's DEPLOYLINT_CHECK_NEEDS compiles every `needs` pattern to verify it
    env = {key: value for key, value in os.environ.items() if key != "DEPLOYLINT_CHECK_NEEDS"}
    result = subprocess.run([sys.executable, "-c", PROBE_STATE, "."], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, env=env)
    assert "All checks passed!" in result.stdout, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    modules = set(json.loads(next(line for line in lines if line.startswith("MODULES "))[len("MODULES "):]))
    state = json.loads(next(line for line in lines if line.startswith("STATE "))[len("STATE "):])
    assert [name for name, _ in NOT_LOADED if name in modules] == []
    assert state == {"commands": ["check"], "compiled": []}  # `plan` and `rule` are built only when named


def test_a_compose_file_alone_does_not_import_the_json_package(tmp_path):
    """The compose schema is read with json's C scanner (jsonvalue.py); dockerfile-parse
    imports `json` itself, so only a repository without a Dockerfile shows it. (An editable
    install's import hook loads json before any of our code; then there is nothing to measure.)"""
    before = subprocess.run([sys.executable, "-c", "import sys; print('json' in sys.modules)"],
                            capture_output=True, text=True, timeout=60).stdout.strip()
    if before == "True":
        pytest.skip("json is loaded at interpreter start here (editable install)")
    write_tree(tmp_path, {"docker-compose.yml": SMALL["docker-compose.yml"], "bot.py": BOT})
    probe = PROBE.replace("import json, sys", "import sys").replace("json.dumps(sorted(sys.modules))",
                                                                    "' '.join(sorted(sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, "."], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    modules = set(next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))[8:].split())
    assert "deploylint.schema" in modules and "json" not in modules


def test_what_a_rule_reads_brings_its_module_back(tmp_path):
    """The rules left out for want of input come back when the input is there."""
    write_tree(tmp_path, {"Procfile": "worker: sleep 5; pkill -f bot.py; python bot.py\n", "bot.py": BOT,
                          "config.py": "import os\nTOKEN = os.getenv('TELEGRAM_BOT_TOKEN', "
                                        "'7012345678:AAc1UWb5fxzpF7STG7nVLe3lARUsRJlNONw')\n"})
    modules = modules_imported(tmp_path, ".")
    assert {"deploylint.checks.hardcoded_bot_token", "deploylint.checks.kill_by_name",
            "deploylint.checks.sleep_sequencing", "deploylint.commands.shell"} <= modules
    write_tree(tmp_path, {"Procfile": "worker: python bot.py &\n"})
    assert {"deploylint.checks.polling_in_background", "deploylint.checks.backgrounded_and_exits"} <= \
        modules_imported(tmp_path, ".")


def test_plan_and_rule_are_still_commands(tmp_path):
    from click.testing import CliRunner

    from deploylint.cli import cli

    runner = CliRunner()
    listing = runner.invoke(cli, ["--help"])
    assert listing.exit_code == 0 and all(f"\n  {name} " in listing.output for name in ("check", "plan", "rule"))
    assert runner.invoke(cli, ["plna"]).output.endswith("did you mean `plan`?\n")
    write_tree(tmp_path, {"Procfile": "worker: python bot.py\n", "bot.py": BOT})
    assert runner.invoke(cli, ["plan", str(tmp_path)]).exit_code == 0


# -- the string tests that stand in for patterns agree with them -----------------------------
_PIECES = ["docker-", "compose", "Compose", ".", "..", "-", "_", "yml", "yaml", ".yml", ".yaml", "Docker", "file",
           "Procfile", "Dockerfile", "Containerfile", "APTFILE", "pipfile", "README", "readme", ".md", "Makefile",
           "GNUmakefile", "make", ".mk", ".sh", ".bash", ".env", "Taskfile", "justfile", "package.json", ".json",
           ".toml", ".txt", ".rst", ".ps1", ".bat", ".cmd", ".gitlab-ci", "Jenkinsfile", "cloudbuild", "x", "A", "1",
           "ſ", "K", "İ", "ı", "é", "\n", "\r", " ", "\t", "/"]


def _names(count: int, seed: int):
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 5))) for _ in range(count)]


def test_name_tests_answer_as_their_patterns():
    import re

    from deploylint.formats.compose_projects import _EVIDENCE_NAMES
    from deploylint.formats.docker_build import _EVIDENCE
    from deploylint.formats.platform_common import _TEXT_FILES
    from deploylint.secrets import _COMPOSE, _compose_named
    from deploylint.suppress import _HASH_NAMES, _hash_named

    text_files = re.compile(r"(^|/)(README[^/]*|[^/]*\.(sh|bash|md|rst|txt|ya?ml|toml|json)|Makefile|justfile|"
                            r"Taskfile[^/]*)$", re.I)  # as it was written for whole paths
    for name in _names(40_000, 14):
        for test in (_EVIDENCE, _EVIDENCE_NAMES):
            assert test(name) == bool(test.pattern._compiled().match(name)), name
        assert _TEXT_FILES(name.rpartition("/")[2]) == bool(text_files.search(name)), name
        assert _compose_named(name) == bool(_COMPOSE._compiled().match(name)), name
        assert _hash_named(name) == bool(_HASH_NAMES._compiled().match(name)), name


def test_plain_commands_and_instruction_heads_split_as_their_patterns():
    import random
    import re

    from deploylint.commands.shell_simple import _plain_words
    from deploylint.formats.dockerfile_stages import _head

    plain = re.compile(r"[ \t]*([A-Za-z0-9_./:@%+,-]+(?:[ \t]+[A-Za-z0-9_./:=@%+,-]+)*)[ \t]*")
    rng = random.Random(14)
    pieces = [" ", "\t", "\n", "\x0b", "\xa0", "\u2028", "a", "Z", "9", "_", ".", "/", ":", "@", "%", "+", ",", "-",
              "=", '"', "'", "$", ";", "é", "python", "-m", "RUN", "x=1"]
    for _ in range(40_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        match = plain.fullmatch(text)
        assert _plain_words(text) == (None if match is None else
                                      [(m.group(), m.start()) for m in re.finditer(r"[^ \t]+", text)]), repr(text)
        head = re.match(r"\s*(\S+)\s*", text)
        assert _head(text) == (None if head is None else (head.group(1), head.start(1), head.end())), repr(text)


@pytest.mark.parametrize("text", ['["python", "-m", "app.bot"]', ' [1, 2.5e3, "a\\u00e9", null, true, {"k": []}] ',
                                  "[NaN]", "[1] x", "", "\ufeff[]", '["a"', "[" * 50 + "]" * 50, '{"a": 1, "a": 2}'])
def test_json_value_is_json_loads(text):
    import json

    from deploylint.jsonvalue import json_value

    def outcome(function):
        try:
            return repr(function(text))
        except ValueError as error:
            return f"{type(error).__name__}: {error}"

    assert outcome(json_value) == outcome(json.loads)


def test_redaction_asks_the_same_question_without_its_patterns():
    import random
    import re

    from deploylint.secrets import _may_redact, _may_redact_discord

    telegram, discord = re.compile(r"(?::|%3[Aa])[A-Za-z0-9_-]{7}"), re.compile(r"\.[A-Za-z0-9_-]{6}\.")
    rng = random.Random(14)
    pieces = [":", "%3A", "%3a", "%3", ".", "a", "Z", "9", "_", "-", "abcdefg", "é", " ", "\n", "app", "AAAAAA"]
    for _ in range(40_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _may_redact(text) == bool(telegram.search(text)), repr(text)
        assert _may_redact_discord(text) == bool(discord.search(text)), repr(text)
    long = "gunicorn app:app " * 300  # past the string tests' length: the patterns answer
    assert not _may_redact(long) and not _may_redact_discord(long)
    assert _may_redact(long + "x:abcdefg") and _may_redact_discord(long + ".abcdef.")


def test_start_scripts_yaml_markers_and_printable_text_as_their_patterns():
    import random
    import re

    from deploylint.formats.names import is_start_script
    from deploylint.safe import _CONTROL, _NEWLINE, _SURROGATE, _escape, _markers, clean, printable

    start = re.compile(r"^(start|run|entrypoint|docker-entrypoint|boot|launch|(start|run)[_-](bot|bots|all))(\.sh|\.bash)?$")
    markers = re.compile(r"(?:[-?] +)*")
    rng = random.Random(14)
    pieces = ["-", "?", " ", "  ", "x", "\t", "\n", "\r", "\x1b", "\x7f", "é", "\ud800", "\udcff", "\x85", "\u2028",
              "start", "run", "_", "-bot", "bots", "all", ".sh", ".bash", "boot", "launch", "docker-", "entrypoint"]
    for _ in range(40_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert is_start_script(text) == bool(start.match(text)), repr(text)
        assert _markers(text) == len(markers.match(text).group().split()), repr(text)
        cleaned = _SURROGATE.sub(lambda m: clean(m.group()), text)  # (clean's own replacement, char by char)
        assert clean(text) == cleaned, repr(text)
        escaped = _CONTROL.sub(_escape, cleaned)
        assert printable(text, newlines=True) == escaped and printable(text) == _NEWLINE.sub(_escape, escaped)


def test_discord_byte_shape_and_dotted_names_as_their_patterns():
    import random
    import re

    from deploylint.code.python_locate import dotted_name
    from deploylint.secrets import _DiscordShape

    behind = re.compile(rb"\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}"
                        rb"(?<=[A-Za-z0-9_-]{23}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27})")
    shape = _DiscordShape()
    rng = random.Random(15)
    pieces = [b".", b"a" * 6, b"Z" * 23, b"9" * 27, b"-", b"_", b" ", b"\n", b"\xc3\xa9", b"x" * 5, b":", b"b" * 20]
    for _ in range(20_000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert shape.search(data) == bool(behind.search(data)), data
    word = re.compile(r"[A-Za-z_][\w.]*")
    pieces = ["a", "Z", "_", ".", "1", "-", " ", "\n", "é", "ſ", "٣", "²", "K", "app.bot", ":", "x"]
    for _ in range(20_000):
        name = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        assert dotted_name(name) == bool(word.fullmatch(name)), repr(name)


def test_the_console_script_ends_without_teardown_and_loses_no_output(tmp_path):
    """`entry.run` (the console script) leaves by os._exit once stdout and stderr are
    flushed: the same report, exit code and --output file as `python -m deploylint`."""
    write_tree(tmp_path, {"Procfile": "worker: python bot.py\nbot: python bot.py\n", "bot.py": BOT})
    script = "import sys\nsys.argv = ['deploylint', *sys.argv[1:]]\nfrom deploylint.entry import run\nrun()\n"
    for args in ([".", "--format", "json"], ["."], ["--no-such-option"], ["--version"], ["-V", "."],
                 [".", "--output", "report.txt"]):
        fast = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
        written = (tmp_path / "report.txt").read_text() if "--output" in args else None
        slow = subprocess.run([sys.executable, "-m", "deploylint", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        named = slow.stderr.replace("python -m deploylint", "deploylint")  # (click names the program as run)
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, named), args
        if written is not None:
            assert "DPL101" in written and written == (tmp_path / "report.txt").read_text()
    assert fast.returncode == 1 and "DPL101" in subprocess.run(
        [sys.executable, "-c", script, "."], cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout
