"""Hostile repositories through the real CLI: every one ends in a report (exit 0/1, valid
JSON, no internal error), quickly, runs no code and prints no token. One parametrized
test per class of input (issue 14); the inputs are built in tmp_path at run time."""
from __future__ import annotations

import json
import os
import resource
import subprocess

import pytest

from conftest import DEPLOYLINT
from test_fuzz import DISCORD_SECRET, DISCORD_TOKEN, SECRET, TOKEN

BOT = "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"
TWICE = {"Procfile": "worker: python bot.py\nweb: python bot.py\n", "bot.py": BOT}


def run(root, *args, env=None, timeout=120, memory=None):
    """The CLI on `root`; returns (result, CPU seconds the run used). `memory` caps the scan's
    address space (bytes): a bomb fails there instead of taking the machine."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    environment.update({"NO_COLOR": "1", **(env or {})})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([*DEPLOYLINT, *args, "."], cwd=root, env=environment, capture_output=True,
                            timeout=timeout, preexec_fn=memory and (lambda: _limit_memory(memory)))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _limit_memory(size):
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def limited_report(root, *args, memory, env=None) -> tuple[dict, float]:
    """The JSON report of a scan (exit status 0 asked for) under a memory cap, and its CPU seconds."""
    result, cpu = run(root, "--format", "json", "--exit-zero", *args, env=env, memory=memory)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr
    return json.loads(result.stdout.decode("utf-8")), cpu


def write(root, files):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    return root


def report(root, *args, **kwargs) -> dict:
    result, _ = run(root, "--format", "json", *args, **kwargs)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1), stderr
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr
    return json.loads(result.stdout.decode("utf-8"))  # strict UTF-8


def codes(data) -> set[str]:
    return {f["code"] for f in data["findings"]}


# -- wrong types where the format allows anything ------------------------------------------
TYPES = {
    "railway-environments-list": {"railway.json": '{"environments": ["production"], "deploy": {"startCommand": "python bot.py"}}'},
    "railway-environments-string": {"railway.json": '{"environments": "prod", "deploy": {"startCommand": "python bot.py"}}'},
    "railway-environment-deploy-list": {"railway.json": '{"environments": {"p": {"deploy": [1]}}}'},
    "railway-toml-array-of-tables": {"railway.toml": '[[deploy]]\nstartCommand = "python bot.py"\n'},
    "railway-toml-environments-array": {"railway.toml": 'environments = [1, 2]\n[deploy]\nstartCommand = "python bot.py"\n'},
    "compose-include-int": {"docker-compose.yml": "include: 5\nservices:\n  bot:\n    image: x\n    volumes: 3\n"},
    "compose-services-list": {"docker-compose.yml": "services: [a, b]\n"},
    "pm2-yaml-odd-apps": {"ecosystem.config.yml": "apps:\n  - script: [1]\n  - 5\n  - name: {a: 1}\n    script: bot.py\n"},
    "package-json-array": {"Procfile": "web: npm start\n", "package.json": "[1, 2]"},
}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_wrong_types(tmp_path, name):
    report(write(tmp_path, {**TYPES[name], "bot.py": BOT}))


# -- numbers ----------------------------------------------------------------------------------
NUMBERS = {
    "compose-5000-digits": {"docker-compose.yml": "services:\n  bot:\n    image: x\n    deploy:\n      replicas: "
                            + "9" * 5000 + "\n"},
    "railway-5000-digits": {"railway.json": '{"deploy": {"numReplicas": ' + "9" * 5000 + ', "startCommand": "python bot.py"}}'},
    "railway-float-overflow": {"railway.json": '{"deploy": {"numReplicas": 1e400, "startCommand": "python bot.py"}}'},
    "railway-superscript": {"railway.json": '{"deploy": {"numReplicas": "²", "startCommand": "python bot.py"}}'},
    "compose-inf-nan-superscript": {"docker-compose.yml": "services:\n  bot:\n    image: x\n    command: python bot.py\n"
                                    "    deploy:\n      replicas: .nan\n    scale: '²'\n  b:\n    image: x\n    scale: .inf\n"},
    "gunicorn-inf": {"Procfile": "web: gunicorn -c gunicorn.conf.py app:app\n", "app.py": "app = 1\n",
                     "gunicorn.conf.py": "workers = float('inf')\nthreads = 1e400\n"},
    "gunicorn-superscript-env": {"Procfile": "web: WEB_CONCURRENCY=² gunicorn -w ² app:app\n", "app.py": "app = 1\n"},
    "pm2-js-huge": {"ecosystem.config.js": "module.exports = {apps: [{script: 'bot.js', instances: 1e999}]}\n"},
    "toml-unicode-escape-past-range": {"railway.toml": '[deploy]\nstartCommand = "python \\U0011FFFF.py"\n'},
}


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_numbers(tmp_path, name):
    report(write(tmp_path, {**NUMBERS[name], "bot.py": BOT}))


_COUNTS = {"5000-digits": "9" * 5000, "superscript": "²", "arabic-indic": "٣", "inf": "inf", "nan": "nan"}
_COUNT_FILES = {
    "pm2-json": lambda v: {"ecosystem.config.json": json.dumps({"apps": [{"script": "bot.py", "interpreter": "python3",
                                                                           "instances": v}]})},
    "pm2-js": lambda v: {"ecosystem.config.js": "module.exports = {apps: [{script: 'bot.py', interpreter: 'python3', "
                         f"instances: {json.dumps(v) if not v.isascii() else v}}}]}}\n"},
    "gunicorn-w": lambda v: {"Procfile": f"web: gunicorn -w {v} app:app\n", "app.py": "app = 1\n"},
    "web-concurrency": lambda v: {"Procfile": f"web: WEB_CONCURRENCY={v} gunicorn app:app\n", "app.py": "app = 1\n"},
    "web-concurrency-dotenv": lambda v: {"Procfile": "web: gunicorn app:app\n", ".env": f"WEB_CONCURRENCY={v}\n",
                                         "app.py": "app = 1\n"},
    "gunicorn-cmd-args": lambda v: {"Procfile": f"web: GUNICORN_CMD_ARGS='--workers={v}' gunicorn app:app\n",
                                    "app.py": "app = 1\n"},
    "celery-c": lambda v: {"Procfile": f"worker: celery -A app worker -c {v} --autoscale={v},1\n",
                           "app.py": "from celery import Celery\napp = Celery()\n"},
    "python-pool": lambda v: {"Procfile": "worker: python app.py\n",
                              "app.py": f"import multiprocessing\nmultiprocessing.Pool(int('{v}'))\n"},
}


@pytest.mark.parametrize("count", sorted(_COUNTS))
@pytest.mark.parametrize("where", sorted(_COUNT_FILES))
def test_counts_that_are_not_numbers_cost_no_analysis(tmp_path, where, count):
    """`'²'.isdigit()` is True and int('9' * 5000) raises: every count goes through
    safe.to_int, so none of these reaches the isolation boundary (a DPL006)."""
    data = report(write(tmp_path, {"bot.py": BOT, **_COUNT_FILES[where](_COUNTS[count])}))
    assert not [f["message"] for f in data["findings"] if f["code"] == "DPL006"]


def test_to_int_refuses_what_int_would_choke_on():
    from deploylint.safe import to_int

    assert [to_int(v) for v in (3, "4", 5.0, " 6 ")] == [3, 4, 5, 6]
    for bad in ("²", "٣", "9" * 5000, 10 ** 5000, float("inf"), float("nan"), 2.5, True, None, [1], "1e3"):
        assert to_int(bad) is None, bad


# -- depth ------------------------------------------------------------------------------------
DEPTH = {
    "railway-json-5000-arrays": {"railway.json": '{"deploy": {"numReplicas": ' + "[" * 5000 + "]" * 5000 + "}}"},
    "railway-toml-deep-arrays": {"railway.toml": "[deploy]\nnumReplicas = " + "[" * 3000 + "]" * 3000 + "\n"},
    "pm2-json-deep": {"ecosystem.config.json": '{"apps": ' + "[" * 5000 + "]" * 5000 + "}"},
    "compose-flow-deep": {"docker-compose.yml": "services: " + "[" * 3000 + "]" * 3000 + "\n"},
    "procfile-and-chain": {"Procfile": "worker: " + " && ".join(["true"] * 5000) + " && python bot.py\n"},
    "procfile-wrapper-chain": {"Procfile": "worker: " + "exec env nohup npx uv run " * 1000 + "python bot.py\n"},
    "procfile-substitution": {"Procfile": "worker: echo " + "$(" * 2000 + ")" * 2000 + "\n"},
    "script-nested-ifs": {"Procfile": "worker: bash start.sh\n",
                          "start.sh": "if true; then\n" * 3000 + "python bot.py\n" + "fi\n" * 3000},
    "script-nested-braces": {"Procfile": "worker: bash start.sh\n", "start.sh": "{ " * 3000 + "python bot.py;" + " }" * 3000},
    "script-nested-quotes": {"Procfile": "worker: bash start.sh\n", "start.sh": "echo " + '"$(echo ' * 1000 + ')"' * 1000},
    "dockerfile-stage-chain": {"Dockerfile": "FROM python AS s0\n" + "".join(f"FROM s{i} AS s{i + 1}\n" for i in range(3000))
                               + 'CMD ["python", "bot.py"]\n'},
    "dockerfile-copy-from-chain": {"Dockerfile": "FROM python AS s0\n" + "".join(
        f"FROM python AS s{i + 1}\nCOPY --from=s{i} /a /a\n" for i in range(3000)) + 'CMD ["python", "bot.py"]\n'},
    "gunicorn-plus-chain": {"Procfile": "web: gunicorn -c gunicorn.conf.py app:app\n", "app.py": "app = 1\n",
                            "gunicorn.conf.py": "workers = " + "+".join(["1"] * 20000) + "\n"},
    "gunicorn-unary-chain": {"Procfile": "web: gunicorn -c gunicorn.conf.py app:app\n", "app.py": "app = 1\n",
                             "gunicorn.conf.py": "workers = " + "-" * 20000 + "1\n"},
    "pm2-js-parentheses": {"ecosystem.config.js": "module.exports = {apps: [{script: 'a.js', instances: "
                           + "(" * 3000 + "1" + ")" * 3000 + "}]}\n"},
}


@pytest.mark.parametrize("name", sorted(DEPTH))
def test_depth(tmp_path, name):
    report(write(tmp_path, {**DEPTH[name], "bot.py": BOT}))


def test_deep_json_is_an_analysis_limit_not_a_syntax_error(tmp_path):
    data = report(write(tmp_path, DEPTH["railway-json-5000-arrays"]))
    assert "DPL006" in codes(data) and "DPL001" not in codes(data)


def test_deep_command_is_skipped_with_dpl006_and_the_rest_is_still_checked(tmp_path):
    files = {"Procfile": "clock: echo " + "$(" * 2000 + ")" * 2000 + "\nworker: python bot.py\nweb: python bot.py\n",
             "bot.py": BOT}
    data = report(write(tmp_path, files))
    assert {"DPL006", "DPL101"} <= codes(data)
    assert any(f["code"] == "DPL006" and f["line"] == 1 and "nested" in f["message"] for f in data["findings"])


# -- text: surrogates and file names -------------------------------------------------------------
@pytest.mark.parametrize("output", ["json", "sarif", "text", "github", "markdown"])
def test_json_surrogate_escape_and_non_utf8_file_name(tmp_path, output):
    write(tmp_path, {"railway.json": '{"deploy": {"startCommand": "python \\ud800bot.py"}}', **TWICE})
    odd = os.path.join(os.fsencode(tmp_path), b"d\xff\xfe")
    os.makedirs(odd)
    for name, text in TWICE.items():
        with open(os.path.join(odd, name.encode()), "w") as handle:
            handle.write(text)
    result, _ = run(tmp_path, "--format", output)
    assert result.returncode == 1, result.stderr
    text = result.stdout.decode("utf-8")  # strict
    assert "d\\xff\\xfe/Procfile" in text.replace("\\\\", "\\") or "d%FF%FE/Procfile" in text
    if output in ("json", "sarif"):
        json.loads(text)


# -- user patterns ---------------------------------------------------------------------------------
def test_gitignore_entries_that_are_not_globs_are_skipped(tmp_path):
    write(tmp_path, {".gitignore": "[\n**a**b[\n\\\n[z-a]\nignored/\n", "ignored/Procfile": "web: x\n", **TWICE})
    data = report(tmp_path)
    assert "DPL101" in codes(data) and not any(f["path"].startswith("ignored/") for f in data["findings"])


@pytest.mark.parametrize("config", ['extend-exclude = ["[z-a]"]\n', 'extend-exclude = ["\\\\"]\n'])
def test_config_patterns_that_are_not_globs_are_config_errors(tmp_path, config):
    result, _ = run(write(tmp_path, {".deploylint.toml": config, **TWICE}))
    assert result.returncode == 2
    assert b"not a valid" in result.stderr and b"internal error" not in result.stderr


def test_per_file_ignores_pattern_with_an_empty_range_is_no_crash(tmp_path):
    result, _ = run(write(tmp_path, {".deploylint.toml": '[per-file-ignores]\n"[z-a]" = ["DPL1"]\n', **TWICE}))
    assert result.returncode in (1, 2) and b"internal error" not in result.stderr


# -- npm: workspaces, cycles -----------------------------------------------------------------------
NPM = {
    "npm-w": "web: npm -w api start\n", "yarn-workspace": "web: yarn workspace api start\n",
    "pnpm-F": "web: pnpm -F api start\n", "pnpm-filter": "web: pnpm --filter api start\n",
}


@pytest.mark.parametrize("name", sorted(NPM))
def test_monorepo_workspace_commands(tmp_path, name):
    files = {"Procfile": NPM[name], "package.json": '{"name": "root", "workspaces": ["api"]}',
             "api/package.json": '{"name": "api", "scripts": {"start": "node index.js"}}', "api/index.js": "1\n"}
    data = report(write(tmp_path, files))
    assert "DPL006" not in codes(data), data["findings"]


@pytest.mark.parametrize("package", [
    '{"scripts": {"start": "npm run a", "a": "npm run b", "b": "npm start"}}',
    '{"scripts": {"start": "npm start"}}',
    '{"workspaces": {"packages": 5}, "scripts": {"start": "npm -w api start"}}',
    '{"workspaces": "api", "scripts": 5}',
    '{"workspaces": [1, null, {"a": 1}], "scripts": {"start": ["node"]}}',
])
def test_odd_package_json(tmp_path, package):
    report(write(tmp_path, {"Procfile": "web: npm start\nworker: npm -w api start\n", "package.json": package}))


# -- files are files ------------------------------------------------------------------------------
def _fifo(root, name):
    os.mkfifo(root / name)


def _link(target):
    return lambda root, name: (root / name).symlink_to(target)


FILES = {
    "gitignore-fifo": (".gitignore", _fifo),
    "gitignore-dev-zero": (".gitignore", _link("/dev/zero")),
    "procfile-fifo": ("Procfile.web", _fifo),
    "procfile-dev-zero": ("Procfile.worker", _link("/dev/zero")),
    "railway-dev-urandom": ("railway.json", _link("/dev/urandom")),
    "env-fifo": (".env", _fifo),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("name", sorted(FILES))
def test_special_files_are_not_read(tmp_path, name):
    write(tmp_path, TWICE)
    path, make = FILES[name]
    make(tmp_path, path)
    data = report(tmp_path, timeout=60)
    assert "DPL101" in codes(data)


def test_gitignore_linking_outside_the_root_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ignore").write_text("*\n")
    root = write(tmp_path / "repo", TWICE)
    (root / ".gitignore").symlink_to(outside / "ignore")
    assert "DPL101" in codes(report(root))


def test_config_linking_outside_the_root_is_refused(tmp_path):
    outside = tmp_path / "outside.toml"
    outside.write_text(f'singletons = ["{TOKEN}"]\nignore = ["DPL1"]\n')
    root = write(tmp_path / "repo", TWICE)
    (root / ".deploylint.toml").symlink_to(outside)
    result, _ = run(root)
    assert result.returncode == 2 and b"links outside" in result.stderr
    assert SECRET[:10].encode() not in result.stdout + result.stderr


# -- no quadratic paths -----------------------------------------------------------------------
QUADRATIC = {
    "procfile-16k-bad-lines": {"Procfile": "bad line\n" * 16000},
    "procfile-1mb-command": {"Procfile": "worker: python bot.py " + "x " * 500_000 + "\n"},
    "procfile-16k-process-types": {"Procfile": "".join(f"p{i}: python bot.py\n" for i in range(16000))},
    "python-320k-statements": {"Procfile": "worker: python bot.py\n", "bot.py": "x = 1\n" * 320_000},
    "gitignore-1mb": {".gitignore": "".join(f"pattern{i}/*.tmp\n" for i in range(60000)), **TWICE},
    "gitignore-25mb": {".gitignore": "x/\n" * 8_500_000, **TWICE},
    "script-1mb-line": {"Procfile": "worker: bash start.sh\n", "start.sh": "python bot.py " + "x " * 500_000 + "\n"},
    "script-15k-words": {"Procfile": "worker: bash start.sh\n", "start.sh": "python bot.py " + "x " * 15_000 + "\n"},
    "script-15k-words-utf8": {"Procfile": "worker: bash start.sh\n", "start.sh": "python bot.py " + "é " * 10_000 + "\n"},
    "package-json-20k-word-script": {"Procfile": "web: npm start\n", "package.json": json.dumps(
        {"scripts": {"start": "python bot.py " + " ".join(f"a{i}" for i in range(20_000))}})},
    "yaml-3000-levels": {"docker-compose.yml": "services:\n  " + "- " * 3000 + "x\n",
                         "ecosystem.config.yml": "apps:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1500))},
}
CPU_BUDGET = 15  # seconds of CPU (not wall time: the test machine may be busy)


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_linear_time(tmp_path, name):
    result, cpu = run(write(tmp_path, {"bot.py": BOT, **QUADRATIC[name]}), "--format", "json", timeout=300)
    assert result.returncode in (0, 1), result.stderr
    json.loads(result.stdout)
    assert cpu < CPU_BUDGET, f"{name}: {cpu:.1f} s of CPU"


def test_sarif_of_an_80kb_procfile_is_linear(tmp_path):
    lines = "".join(f"p{i}: python bot.py\n" for i in range(4000))[:80_000]
    result, cpu = run(write(tmp_path, {"Procfile": lines, "bot.py": BOT}), "--format", "sarif", timeout=300)
    assert result.returncode in (0, 1)
    json.loads(result.stdout)
    assert cpu < CPU_BUDGET, f"{cpu:.1f} s of CPU"


# -- redaction at the source -------------------------------------------------------------------
REDACTION = {
    "percent-encoded-url": {"Procfile": f"web: curl https://api.telegram.org/bot7012345678%3A{SECRET}/getUpdates\n"},
    "two-tokens-on-one-line": {"Procfile": f"worker: python bot.py {TOKEN} 7112345678:{SECRET}\n", "bot.py": BOT},
    "token-glued-to-a-word": {"bot.py": f"from{TOKEN} 7112345678:{SECRET}\n" + BOT, "Procfile": "worker: python bot.py\n"},
    "token-in-file-name": {f"bot{TOKEN}.py": BOT, "Procfile": f"worker: python bot{TOKEN}.py\nweb: python bot{TOKEN}.py\n"},
    "token-in-directory-name": {f"d{TOKEN}/Procfile": "worker: python bot.py\nweb: python bot.py\n", f"d{TOKEN}/bot.py": BOT},
    "token-past-200-characters": {"bot.py": "x = '" + "a" * 190 + TOKEN + "'\n" + BOT, "Procfile": "worker: python bot.py\n"},
    "token-in-pm2-unknown-script": {"ecosystem.config.js": f"module.exports = {{apps: [{{script: 'run-{TOKEN}.js'}}]}}\n"},
    "token-in-bad-procfile-line": {"Procfile": f"worker python bot.py {TOKEN}\nweb {TOKEN}\n"},
    "token-in-python-builder": {"Procfile": "worker: python bot.py\n", "bot.py": "from telegram.ext import Application\n"
                                f"app = Application.builder().token('{TOKEN}').build()\napp.run_polling()\n"},
    "token-in-long-command": {"Procfile": "worker: python bot.py --a-long-option-name-first " + TOKEN + "\n", "bot.py": BOT},
    "discord-token-in-command": {"Procfile": f"worker: python bot.py {DISCORD_TOKEN}\nweb: python bot.py {DISCORD_TOKEN}\n",
                                 "bot.py": BOT},
    "discord-token-in-long-command": {"Procfile": "worker: python bot.py --a-long-option-name-first --and-another "
                                      + DISCORD_TOKEN + "\n", "bot.py": BOT},
    "discord-token-in-source": {"Procfile": "worker: python bot.py\n", "bot.py": "import discord\n"
                                f"discord.Client(intents=discord.Intents.default()).run('{DISCORD_TOKEN}')\n"},
    "discord-token-in-file-name": {f"b{DISCORD_TOKEN}.py": BOT, "Procfile": f"worker: python b{DISCORD_TOKEN}.py\n"},
}


def _leaks(shown: str) -> bool:
    return any(secret in shown or secret[:12] in shown or secret[-12:] in shown for secret in (SECRET, DISCORD_SECRET))


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github", "markdown"])
@pytest.mark.parametrize("name", sorted(REDACTION))
def test_no_token_in_any_output(tmp_path, name, output):
    root = write(tmp_path, REDACTION[name])
    result, _ = run(root, "--format", output)
    assert result.returncode in (0, 1), result.stderr
    shown = (result.stdout + result.stderr).decode("utf-8")
    assert not _leaks(shown)


@pytest.mark.parametrize("output", ["text", "json", "mermaid"])
@pytest.mark.parametrize("name", sorted(REDACTION))
def test_no_token_in_plan_output(tmp_path, name, output):
    write(tmp_path, REDACTION[name])
    environment = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run([*DEPLOYLINT, "plan", "--format", output, "."], cwd=tmp_path, env=environment,
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    shown = (result.stdout + result.stderr).decode("utf-8")
    assert not _leaks(shown)


def test_no_token_in_show_config_config_errors_or_argument_errors(tmp_path):
    write(tmp_path, {".deploylint.toml": f'singletons = ["{TOKEN}"]\n', **TWICE})
    shown = run(tmp_path, "--show-config")[0]
    assert shown.returncode == 0 and SECRET[:12].encode() not in shown.stdout
    (tmp_path / ".deploylint.toml").write_text(f'"bogus{TOKEN}" = 1\n')
    error = run(tmp_path)[0]
    assert error.returncode == 2 and SECRET[:12].encode() not in error.stderr
    argument = subprocess.run([*DEPLOYLINT, f"missing-{TOKEN}"], capture_output=True, timeout=60)
    assert argument.returncode == 2 and SECRET[:12].encode() not in argument.stderr


# -- output escaping and encoding ------------------------------------------------------------------
INJECTION = {
    "ansi-and-cr-in-values": {"Procfile": "worker: python \x1b[31mbot.py\r\nweb: python \x1b]0;title\x07bot.py\n"},
    "annotation-in-value": {"Procfile": "worker: python bot.py\nweb: python bot.py --x '\n::error file=x.py::fake'\n"},
    "ansi-in-file-name": {"d\x1b[2J/Procfile": "worker: python bot.py\nweb: python bot.py\n", "d\x1b[2J/bot.py": BOT},
}


@pytest.mark.parametrize("name", sorted(INJECTION))
def test_text_output_escapes_control_characters(tmp_path, name):
    result, _ = run(write(tmp_path, {"bot.py": BOT, **INJECTION[name]}), "--format", "text")
    assert result.returncode in (0, 1)
    assert b"\x1b" not in result.stdout and b"\r" not in result.stdout and b"\x07" not in result.stdout
    assert not any(line.startswith(b"::") for line in result.stdout.splitlines())


def test_config_value_cannot_fake_an_annotation(tmp_path):
    write(tmp_path, {".deploylint.toml": 'singletons = ["a\\n::error file=x::evil"]\n', **TWICE})
    result, _ = run(tmp_path, "--show-config")
    assert not any(line.startswith(b"::") for line in result.stdout.splitlines())


def test_github_format_escapes_workflow_command_syntax(tmp_path):
    write(tmp_path, {"a,b:c%/Procfile": "worker: python bot.py\nweb: python bot.py\n", "a,b:c%/bot.py": BOT})
    result, _ = run(tmp_path, "--format", "github")
    line = next(x for x in result.stdout.decode().splitlines() if x.startswith("::error"))
    assert "file=a%2Cb%3Ac%25/Procfile" in line


def test_markdown_escapes_backticks_and_pipes_in_directory_names(tmp_path):
    write(tmp_path, {"a`b|c/Procfile": "worker: python bot.py\nweb: python bot.py\n", "a`b|c/bot.py": BOT})
    result, _ = run(tmp_path, "--format", "markdown")
    rows = [x for x in result.stdout.decode().splitlines() if x.startswith("| 🔴")]
    assert rows and all(x.replace("\\|", "").count("|") == 6 for x in rows)
    assert "`` a`b\\|c/Procfile:" in rows[0]


@pytest.mark.parametrize("locale", ["C", "en_US.ISO-8859-1", "ja_JP.EUC-JP"])
@pytest.mark.parametrize("output", ["text", "json", "sarif", "github", "markdown"])
def test_every_format_writes_utf8_in_any_locale(tmp_path, locale, output):
    write(tmp_path, {**TWICE, ".env": f"BOT_TOKEN={TOKEN}\n"})
    env = {"LANG": locale, "LC_ALL": locale, "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    result, _ = run(tmp_path, "--format", output, env=env)
    assert result.returncode == 1, result.stderr
    result.stdout.decode("utf-8")  # strict


# -- no code execution ----------------------------------------------------------------------------
@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git")
def test_hostile_git_config_runs_nothing(tmp_path):
    root = write(tmp_path / "repo", {**TWICE, ".env": f"BOT_TOKEN={TOKEN}\n"})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    marker = tmp_path / "PWNED"
    with open(root / ".git" / "config", "a") as config:
        config.write(f"[core]\n\tfsmonitor = touch {marker}\n\thooksPath = hooks\n\tpager = touch {marker}\n"
                     f"[diff]\n\texternal = touch {marker}\n")
    report(root)
    assert not marker.exists(), "scanning ran a command from the scanned repository's .git/config"
