"""Fuzzing every format: hypothesis mutates valid repositories (hostile snippets, deep
nesting, huge numbers, control characters, lone surrogates, tokens, FIFOs, symlinks out
of the tree) and every scan must end in a report: no exception, every output format
renders valid UTF-8 (JSON and SARIF parse), no token in any output, within a time bound.

The short profile runs with the default test run (a few examples per format). The long
one is `pytest -m fuzz` (FUZZ_EXAMPLES=N examples per format, default 400), run before a
release; an input it finds failing is written to tests/fuzz_regressions/ and replayed by
test_fuzz_regressions forever after.

The scan runs in-process (engine + every reporter + every plan format, the code the CLI
calls), so hundreds of examples fit in minutes; tests/test_hostile.py drives the real CLI.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deploylint.secrets import is_placeholder

REGRESSIONS = Path(__file__).parent / "fuzz_regressions"
TIME_LIMIT = 20  # seconds per example: a hang or a quadratic path fails the example


def _token() -> str:
    import random
    import string

    rng = random.Random(14)  # built at run time: no secret-shaped literal in the suite
    alphabet = string.ascii_letters + string.digits + "_-"
    while True:
        token = "7012345678:AA" + "".join(rng.choice(alphabet) for _ in range(33))
        if not is_placeholder(token):
            return token


TOKEN = _token()
SECRET = TOKEN.split(":", 1)[1]


def _discord_token() -> str:
    """A Discord-shaped bot token: base64 of a snowflake id, a timestamp part, an HMAC."""
    import base64
    import random
    import string

    from deploylint.secrets import is_discord_placeholder

    rng = random.Random(15)
    alphabet = string.ascii_letters + string.digits + "_-"
    while True:
        token = (base64.b64encode(b"1012345678901234567").decode().rstrip("=") + "." +
                 "".join(rng.choice(alphabet) for _ in range(6)) + "." +
                 "".join(rng.choice(alphabet) for _ in range(38)))
        if not is_discord_placeholder(token):
            return token


DISCORD_TOKEN = _discord_token()
DISCORD_SECRET = DISCORD_TOKEN.rsplit(".", 1)[1]
BOT = "from telegram.ext import Application\napp = Application.builder().token('x').build()\napp.run_polling()\n"

BASES: dict[str, dict[str, str]] = {
    "procfile": {"Procfile": f"web: gunicorn app:app\nworker: python bot.py --token {TOKEN}\n", "bot.py": BOT,
                 "app.py": "app = object()\n"},
    "railway-json": {"railway.json": json.dumps({"deploy": {"startCommand": "python bot.py", "numReplicas": 2},
                                                 "environments": {"staging": {"deploy": {"numReplicas": 1}}}},
                                                indent=2), "bot.py": BOT, ".env": f"BOT_TOKEN={TOKEN}\n"},
    "railway-toml": {"railway.toml": '[build]\nbuilder = "NIXPACKS"\n[deploy]\nstartCommand = "python bot.py"\n'
                                     'numReplicas = 2\n[environments.staging.deploy]\nnumReplicas = 1\n', "bot.py": BOT},
    "railway-ts": {".railway/railway.ts": 'import { defineRailway, project, service } from "railway/iac";\n'
                                          "export default defineRailway((ctx) => {\n"
                                          "  const bot = service(\"bot\", { start: \"python bot.py\", replicas: "
                                          "ctx.environment === \"production\" ? 2 : { \"us-west2\": { count: 1 } },\n"
                                          f"    env: {{ BOT_TOKEN: \"{TOKEN}\" }} }});\n"
                                          "  return project(\"p\", { resources: [bot] });\n});\n",
                   "railway.json": '{"deploy": {"startCommand": "python bot.py"}}', "bot.py": BOT},
    "railway-py": {".railway/railway.py": "from railway_iac import define_railway, project, service\n\n"
                                          "@define_railway\ndef main(ctx=None):\n"
                                          "    bot = service('bot', start='python bot.py', replicas=2 if ctx else 1)\n"
                                          "    return project('p', resources=[bot])\n", "bot.py": BOT},
    "railway-go": {".railway/railway.go": 'package main\n\nimport "github.com/railwayapp/railway-go-iac/iac"\n\n'
                                          "func Railway() iac.Project {\n"
                                          "\tbot := iac.ServiceNamed(\"bot\", iac.ServiceConfig{\"start\": `python bot.py`, "
                                          f"\"replicas\": map[string]any{{\"us-west2\": 2}}, \"env\": map[string]any{{\"T\": \"{TOKEN}\"}}}})\n"
                                          "\treturn iac.ProjectNamed(\"p\", []any{bot})\n}\n", "bot.py": BOT},
    "compose": {"docker-compose.yml": "services:\n  bot:\n    build: .\n    command: python bot.py\n    deploy:\n"
                                      f"      replicas: 2\n    environment:\n      BOT_TOKEN: \"{TOKEN}\"\n"
                                      "  web:\n    image: x\n    command: [\"gunicorn\", \"-w\", \"4\", \"app:app\"]\n",
                "bot.py": BOT, "app.py": "app = 1\n"},
    "dockerfile": {"Dockerfile": "FROM python:3.12 AS base\nCOPY . /app\nWORKDIR /app\nFROM base\n"
                                 f"ENV BOT_TOKEN={TOKEN}\nCMD [\"sh\", \"-c\", \"python bot.py & python bot.py\"]\n",
                   "bot.py": BOT},
    "pm2-js": {"ecosystem.config.js": "module.exports = {\n  apps: [{ name: 'bot', script: 'bot.js', instances: 2,\n"
                                      f"    exec_mode: 'cluster', env: {{ BOT_TOKEN: '{TOKEN}' }} }}]\n}};\n",
               "bot.js": "const { Telegraf } = require('telegraf');\nnew Telegraf(process.env.BOT_TOKEN).launch();\n"},
    "pm2-json": {"ecosystem.json": json.dumps({"apps": [{"name": "bot", "script": "bot.py", "interpreter": "python3",
                                                         "instances": 2}]}, indent=2), "bot.py": BOT},
    "pm2-yaml": {"process.yml": "apps:\n  - name: bot\n    script: bot.py\n    interpreter: python3\n    instances: 2\n",
                 "bot.py": BOT},
    "package-json": {"Procfile": "web: npm start\nworker: npm -w api run bot\n",
                     "package.json": json.dumps({"name": "root", "workspaces": ["api"],
                                                 "scripts": {"start": "node index.js && npm run bot",
                                                             "bot": "node bot.js"}}, indent=2),
                     "api/package.json": json.dumps({"name": "api", "scripts": {"bot": "node bot.js"}}),
                     "index.js": "require('./bot')\n", "bot.js": "const { Telegraf } = require('telegraf');\n"
                     "new Telegraf('x').launch();\n", "api/bot.js": "console.log(1)\n"},
    "shell": {"Procfile": "worker: bash start.sh\n", "start.sh": "#!/bin/sh\nset -e\nif [ -n \"$X\" ]; then\n"
              "  python bot.py &\nfi\nexec python bot.py\n", "bot.py": BOT},
    "gunicorn": {"Procfile": "web: gunicorn -c gunicorn.conf.py app:app\n",
                 "gunicorn.conf.py": "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n"
                                     "threads = int('2')\n", "app.py": BOT + "app = object()\n"},
    "github-actions": {".github/workflows/bot.yml": "on:\n  push:\n  schedule:\n    - cron: '*/30 * * * *'\n"
                       "jobs:\n  run:\n    runs-on: ubuntu-latest\n    timeout-minutes: 120\n"
                       "    strategy:\n      matrix:\n        n: [1, 2]\n    steps:\n"
                       "      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n"
                       f"      - run: timeout 100m python bot.py --token ${{{{ secrets.T }}}} {TOKEN}\n",
                       "bot.py": BOT},
    # round 11: the formats and analyses round 10 added (Helm values and --set, Koyeb, Job
    # parallelism, fly/heroku scale commands, click sub-commands, JS DI containers and routes)
    "helm": {"chart/Chart.yaml": "apiVersion: v2\nname: relay\nversion: 0.1.0\n",
             "chart/values.yaml": f"replicaCount: 2\ncommand: [python, bot.py]\ntoken: {TOKEN}\nautoscaling:\n"
                                  "  enabled: false\n  minReplicas: 2\n",
             "chart/values-prod.yaml": "replicaCount: 3\n",
             "chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                                                "  name: {{ include \"relay.fullname\" . }}\nspec:\n"
                                                "  {{- if not .Values.autoscaling.enabled }}\n"
                                                "  replicas: {{ .Values.replicaCount | int }}\n  {{- end }}\n"
                                                "  template:\n    spec:\n      containers:\n        - name: bot\n"
                                                "          image: x\n          {{- with .Values.command }}\n"
                                                "          command: {{ toJson . }}\n          {{- end }}\n"
                                                "          env:\n            - name: T\n"
                                                "              value: {{ .Values.token | quote }}\n",
             ".github/workflows/deploy.yml": "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: |\n"
                                             "          helm upgrade --install relay ./chart -f chart/values-prod.yaml \\\n"
                                             f"            --set replicaCount=4,token={TOKEN} --set-string a.b=1\n",
             "bot.py": BOT},
    "koyeb": {".github/workflows/koyeb.yml": "on:\n  push:\n    branches: [main, dev]\njobs:\n  d:\n    runs-on: x\n"
                                             "    steps:\n      - uses: koyeb/action-git-deploy@v1\n        with:\n"
                                             "          service-type: worker\n          min-scale: 2\n"
                                             "          service-regions: fra,was\n"
                                             f"          git-run-command: python bot.py --token {TOKEN}\n"
                                             "      - run: |\n          koyeb service update app/bot \\\n"
                                             "            --min-scale 2 --regions fra --git-run-command 'python bot.py'\n",
              "bot.py": BOT},
    "k8s-job-scale": {"k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: l\nspec:\n  parallelism: 3\n"
                                      "  completions: 6\n  template:\n    spec:\n      containers:\n        - name: l\n"
                                      "          image: x\n          command: [python, bot.py]\n",
                      "Procfile": "worker: python bot.py\n", "release.sh": "heroku ps:scale worker=2:standard-1x\n"
                      "dokku ps:scale app worker=2\nfly scale count worker=2 web=1 --yes\nfly scale count 3\n",
                      "fly.toml": "app = 'x'\n[processes]\nworker = 'python bot.py'\n", "bot.py": BOT},
    "click": {"Procfile": "worker: relay bot start\nclock: python -m relay run bot\n",
              "pyproject.toml": "[project]\nname = 'relay'\n[project.scripts]\nrelay = 'relay.cli:cli'\n",
              "relay/__init__.py": "", "relay/__main__.py": "from relay.cli import cli\ncli()\n",
              "relay/cli.py": "import click\nfrom relay.bot import bot_cli\n\n@click.group()\ndef cli():\n    pass\n\n"
                              "cli.add_command(bot_cli)\n\n@cli.command()\n@click.argument('part')\ndef run(part):\n"
                              "    if part == 'bot':\n        from relay.bot import poll\n        poll()\n",
              "relay/bot.py": "import click\nfrom telegram.ext import Application\n\n@click.group(name='bot')\n"
                              "def bot_cli():\n    pass\n\ndef poll():\n"
                              "    Application.builder().token('x').build().run_polling()\n\n"
                              "@bot_cli.command('start')\ndef start():\n    poll()\n"},
    "js-di-routes": {"ecosystem.config.js": "module.exports = { apps: [{ script: 'src/main.js', instances: 2, "
                                            "exec_mode: 'cluster', cwd: '/srv/app' }] };\n",
                     "package.json": '{"main": "dist/main.js", "dependencies": {"telegraf": "4", "inversify": "6", '
                                     '"fastify": "4"}}',
                     "src/main.js": "const { container } = require('./container');\nconst app = require('fastify')();\n"
                                    "const bot = container.get(TYPES.Bot);\napp.addHook('onRequest', async () => bot.start());\n"
                                    "bot.start();\napp.listen({ port: 3000 });\n",
                     "src/container.js": "const { Container } = require('inversify');\nconst { Bot } = require('./bot');\n"
                                         "const container = new Container();\n"
                                         "container.bind(TYPES.Bot).to(Bot);\nmodule.exports = { container };\n",
                     "src/bot.js": "const { Telegraf } = require('telegraf');\nclass Bot {\n  start() {\n"
                                   f"    new Telegraf('{TOKEN}').launch();\n  }}\n}}\nmodule.exports = {{ Bot }};\n"},
    "gitignore": {".gitignore": "node_modules/\n*.log\n.env.local\n!keep.log\n/build\n", ".env.local": f"T={TOKEN}\n",
                  "Procfile": "worker: python bot.py\n", "bot.py": BOT},
    "config": {".deploylint.toml": 'select = ["DPL1", "DPL2"]\nextend-exclude = ["docs/"]\nsingletons = ["run_forever"]\n'
                                   '[per-file-ignores]\n"scripts/*" = ["DPL101"]\n[severity]\nDPL303 = "warning"\n',
               "Procfile": "worker: python bot.py\n", "bot.py": BOT},
}

SNIPPETS = [
    "[" * 150, "{" * 150, "(" * 150, "$(" * 150, "9" * 5000, "1e999", ".inf", ".nan", "NaN", "Infinity", "²", "٣",
    "\\ud800", "\\udfff", "\\U0011FFFF", "\x1b[31m", "\x1b]0;x\x07", "\r\n::error file=x::injected\n", "\x00", "\x85",
    "\u202e", "`", "|", "](http://x)", "%3A", "%", ",", ":", "\n", "'", '"', "\\", "#", "&&", " && true" * 300,
    "exec env nohup " * 120, "if true; then " * 120, "npx uv run " * 100, "- ", "  ", "\t", "*", "&a [*a, *a]",
    "-w", "--workers", "npm -w ", "yarn workspace x ", "pnpm -F x ", TOKEN, f"bot7012345678%3A{SECRET}", DISCORD_TOKEN,
    f"{TOKEN} {TOKEN[:-1]}Q", "[[deploy]]\n", "environments = [1]\n", "services: 5\n", "apps: x\n",
    "workers = " + "+".join(["1"] * 400), "workers = " + "-" * 400 + "1", "é", "…", "🤖",
    "- " * 150, "\n" + "".join(" " * i + f"k{i}:\n" for i in range(120)), "x = a" + ".b" * 250 + "\n",
    "FROM base AS base2\nCOPY --from=base2 /app /app\n" * 20, "npm run start && " * 20, "[a." * 120 + "]\n",
]
SPECIAL = ["fifo", "devzero", "outside", "directory", "badutf8"]


@contextmanager
def _deadline(seconds: int):
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum, frame):
        raise TimeoutError(f"example took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def mutated(draw, base: str):
    files = dict(BASES[base])
    names = sorted(files)
    operations = []
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(names))
        text = files[name]
        kind = draw(st.sampled_from(["insert", "insert", "insert", "delete", "duplicate", "replace", "text", "special"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            piece = draw(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=20)))
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif kind == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 60)))
            text = text[:end] + text[at:end] * draw(st.integers(1, 200)) + text[end:]
        elif kind == "replace":
            text = text[:at] + draw(st.characters()) + text[at + 1:]
        elif kind == "text":
            text = draw(st.text(max_size=200))
        else:
            text = "\0special:" + draw(st.sampled_from(SPECIAL))
        files[name] = text
        operations.append(kind)
    return files


def _write(root: Path, files: dict[str, str]) -> None:
    outside = root.parent / "outside.txt"
    outside.write_text(f"T={TOKEN}\n*\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text.startswith("\0special:"):
            special = text.split(":", 1)[1]
            if special == "fifo" and hasattr(os, "mkfifo"):
                os.mkfifo(path)
            elif special == "devzero" and os.path.exists("/dev/zero"):
                path.symlink_to("/dev/zero")
            elif special == "outside":
                path.symlink_to(outside)
            elif special == "directory":
                path.mkdir()
            else:
                path.write_bytes(b"\xff\xfe bad \x80 utf-8\n")
            continue
        path.write_bytes(text.encode("utf-8", "surrogatepass"))


def check_repo(files: dict[str, str]) -> None:
    """Scan, report in every format, and check the outputs; raise on any failure."""
    from deploylint import config
    from deploylint.engine import failed, scan
    from deploylint.planview import render
    from deploylint.report import FORMATS, reporter, text

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "repo"
        root.mkdir()
        _write(root, files)
        outputs = []
        with _deadline(TIME_LIMIT):
            try:
                settings = config.resolve(root).for_root(root)
            except config.ConfigError as error:  # a config error is a usage error (exit 2)
                outputs.append(str(error))
                settings = config.Settings()
            result = scan(root, settings)
            assert failed(result.findings, settings.fail_on) in (True, False)
            for name in FORMATS:
                stream = io.StringIO()
                if name == "text":
                    text.render([result], settings, stream, colour=False)
                else:
                    reporter(name).render([result], settings, stream)
                outputs.append(stream.getvalue())
                if name in ("json", "sarif"):
                    json.loads(stream.getvalue())
            for plan_format in ("text", "json", "mermaid"):
                from deploylint.cli_more import _safe_plan

                outputs.append(_safe_plan(render(result.plan, plan_format), plan_format))
            outputs.append(config.show(settings))
        # the secrets of the tokens the mutated input still holds (a mutation may break one)
        from deploylint.secrets import DISCORD, TOKEN as TOKEN_PATTERN

        secrets = {m.group(2) for text in files.values() for m in TOKEN_PATTERN.finditer(text)}
        secrets |= {m.group(3) for text in files.values() for m in DISCORD.finditer(text)}
        for output in outputs:
            output.encode("utf-8")  # strict: no lone surrogate reaches a writer
            for secret in secrets:
                assert secret[:20] not in output and secret[-20:] not in output, output
            assert "\x1b" not in output and "\r" not in output, output  # no raw ANSI/CR from file text


def _keep(files: dict[str, str]) -> None:
    """Save a failing input for test_fuzz_regressions."""
    REGRESSIONS.mkdir(exist_ok=True)
    data = json.dumps(files, ensure_ascii=True, sort_keys=True)
    name = hashlib.sha256(data.encode()).hexdigest()[:16]
    (REGRESSIONS / f"{name}.json").write_text(data + "\n")


_LAST_FAILING: list = []


def _run(files):
    if os.environ.get("FUZZ_COUNT_FILE"):  # the long run reports how many inputs it tried, per format
        with open(os.environ["FUZZ_COUNT_FILE"], "a") as counter:
            counter.write(f"{_BASE[0]}\n")
    try:
        check_repo(files)
    except BaseException:
        _LAST_FAILING[:] = [files]  # hypothesis replays the shrunk example last
        raise


_BASE = [""]


def _fuzz(max_examples: int, base: str, **options) -> None:
    _LAST_FAILING.clear()
    _BASE[0] = base
    runner = settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck),
                      **options)(given(mutated(base))(_run))
    try:
        runner()
    except BaseException:
        if _LAST_FAILING and os.environ.get("FUZZ_KEEP", "1") == "1":
            _keep(_LAST_FAILING[0])
        raise


@pytest.mark.parametrize("base", sorted(BASES))
def test_fuzz_short(base):
    """A few examples per format in every test run (~20 s in all)."""
    _fuzz(int(os.environ.get("FUZZ_SHORT_EXAMPLES", "4")), base, database=None)


@pytest.mark.fuzz
@pytest.mark.parametrize("base", sorted(BASES))
def test_fuzz_long(base):
    """`pytest -m fuzz`: FUZZ_EXAMPLES examples per format (default 400)."""
    _fuzz(int(os.environ.get("FUZZ_EXAMPLES", "400")), base)


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.json")) if REGRESSIONS.is_dir() else [],
                         ids=lambda p: p.stem)
def test_fuzz_regressions(path):
    """Every input a fuzz run ever found failing."""
    check_repo(json.loads(path.read_text()))
