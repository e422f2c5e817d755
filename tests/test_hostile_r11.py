"""Hostile input against what round 10 added (Helm values and `--set`, Koyeb, Job
parallelism, nested reusable workflows, fly/heroku scale commands, DI containers, the
`--diff` output): each input ends in a report through the real CLI, within a CPU-time
bound (a subprocess timeout as well: a hang fails the test), with a finding on the file
that could not be analysed, and no token or raw control character in any output. The
inputs are built in tmp_path at run time; the minimal cases that change a count are
scenarios (tests/scenarios/r11b-*)."""
from __future__ import annotations

import pytest

from test_fuzz import DISCORD_SECRET, DISCORD_TOKEN, SECRET, TOKEN, check_repo
from test_hostile import codes, report, run, write

AIOGRAM = ("import asyncio\nfrom aiogram import Bot, Dispatcher\n\nasync def main():\n"
           "    await Dispatcher().start_polling(Bot('x'))\n\nasyncio.run(main())\n")
CHART = {
    "chart/Chart.yaml": "apiVersion: v2\nname: relay\nversion: 0.1.0\n",
    "chart/values.yaml": "replicaCount: 3\n",
    "chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: relay\nspec:\n"
                                       "  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n"
                                       "      containers:\n        - name: relay\n          image: x\n"
                                       "          command: [python, bot.py]\n",
    "bot.py": AIOGRAM,
}


def findings(data, code: str) -> list[tuple[str, int]]:
    return [(f["path"], f["line"]) for f in data["findings"] if f["code"] == code]


# -- time bounds: inputs that were quadratic ------------------------------------------------
def test_many_kubernetes_documents_is_linear(tmp_path):
    """A 1.9 MB manifest of ~10k documents: each was parsed behind as many newlines as lines
    before it (39 s of CPU); now each is parsed alone and its lines shifted."""
    other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n---\n"
    job = ("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: l\nspec:\n  parallelism: 3\n  template:\n"
           "    spec:\n      containers:\n        - name: l\n          image: x\n          command: [python, bot.py]\n---\n")
    unit = other * 20 + job
    write(tmp_path, {"k8s/all.yaml": unit * (1_900_000 // len(unit)), "bot.py": AIOGRAM})
    result, cpu = run(tmp_path, "--format", "json", "--exit-zero", timeout=120)
    assert result.returncode == 0, result.stderr
    assert cpu < 15, cpu
    import json

    data = json.loads(result.stdout)
    lines = sorted(line for path, line in findings(data, "DPL102") if path == "k8s/all.yaml")
    assert lines and lines[0] == 20 * 7 + 6  # the first Job's `parallelism:` line, not shifted


def test_dependency_container_with_many_bindings(tmp_path):
    """A TypeScript container module of 12,000 `container.bind(...)` calls: the walk searched
    the whole module's source once per call node (quadratic: 20,000 took minutes); now once
    per module."""
    write(tmp_path, {
        "ecosystem.config.js": "module.exports = { apps: [{ script: 'src/main.ts', interpreter: 'ts-node', "
                               "instances: 2, exec_mode: 'cluster' }] };\n",
        "package.json": '{"dependencies": {"telegraf": "4", "inversify": "6"}}',
        "src/main.ts": "import { container } from './container';\nimport { TOKENS, Runner } from './types';\n\n"
                       "const runner = container.get<Runner>(TOKENS.Runner);\nrunner.start();\n",
        "src/types.ts": "export const TOKENS = { Runner: Symbol.for('Runner') };\n"
                        "export interface Runner { start(): Promise<void>; }\n",
        "src/container.ts": "import { Container } from 'inversify';\nimport { TOKENS, Runner } from './types';\n"
                            "import { TelegramRunner } from './telegram-runner';\n\nexport const container = new Container();\n"
                            + "container.bind<Runner>(TOKENS.Runner).to(TelegramRunner);\n" * 12000,
        "src/telegram-runner.ts": "import { Telegraf } from 'telegraf';\nimport { Runner } from './types';\n\n"
                                  "export class TelegramRunner implements Runner {\n  async start() {\n"
                                  "    await new Telegraf(process.env.BOT_TOKEN!).launch();\n  }\n}\n",
    })
    result, cpu = run(tmp_path, "--format", "json", "--exit-zero", timeout=120)
    assert result.returncode == 0, result.stderr
    assert cpu < 5, cpu  # ~12 s before
    import json

    assert ("ecosystem.config.js", 1) in findings(json.loads(result.stdout), "DPL102")


def test_reusable_workflow_fan_out_parses_each_file_once(tmp_path):
    """Twelve levels of scheduled workflows whose ten jobs each call the next level: every
    call parsed the called file again (~2,000 parses, 23 s); now once per file per scan."""
    level = ("on:\n  workflow_call:\n  schedule:\n    - cron: '* * * * *'\njobs:\n"
             + "".join(f"  j{k}:\n    uses: ./.github/workflows/w{{next}}.yml\n" for k in range(10)))
    files = {f".github/workflows/w{i}.yml": level.format(next=i + 1) for i in range(12)}
    files[".github/workflows/w12.yml"] = ("on:\n  workflow_call:\njobs:\n  poll:\n    runs-on: ubuntu-latest\n"
                                          "    timeout-minutes: 120\n    steps:\n      - run: python bot.py\n")
    write(tmp_path, {**files, "bot.py": AIOGRAM})
    result, cpu = run(tmp_path, "--format", "json", "--exit-zero", timeout=120)
    assert result.returncode == 0, result.stderr
    assert cpu < 2, cpu  # 3.2 s before; 0.3 s now


# -- a file past the limits costs its own finding ----------------------------------------------
def _bomb(levels: int = 9) -> str:
    text = "lol0: &l0 [a, a, a, a, a, a, a, a, a]\n"
    for i in range(1, levels):
        text += f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
    return text


@pytest.mark.parametrize("case", ["huge", "deep", "bomb", "digits"])
def test_values_file_past_limits(tmp_path, case):
    extra = {"huge": "".join(f"key{i}: value{i}\n" for i in range(150_000)),
             "deep": "".join("  " * i + f"k{i}:\n" for i in range(150)) + "  " * 150 + "x: 1\n",
             "bomb": _bomb(),
             "digits": "big: " + "9" * 5000 + "\n"}[case]
    write(tmp_path, {**CHART, "chart/values.yaml": "replicaCount: 3\n" + extra})
    data = report(tmp_path, "--exit-zero")
    assert [path for path, _ in findings(data, "DPL006")] == ["chart/values.yaml"], data["findings"]


@pytest.mark.parametrize("case", ["huge", "deep", "bomb", "digits"])
def test_workflow_past_limits(tmp_path, case):
    body = "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  poll:\n    runs-on: x\n    timeout-minutes: 120\n" \
           "    steps:\n      - run: python bot.py\n"
    extra = {"huge": "# " + "x" * 100 + "\n" * 1 + ("# padding " + "x" * 90 + "\n") * 25_000,
             "deep": "x:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(150)),
             "bomb": _bomb(),
             "digits": "big: " + "9" * 5000 + "\n"}[case]
    write(tmp_path, {".github/workflows/bot.yml": body + extra, "bot.py": AIOGRAM})
    data = report(tmp_path, "--exit-zero")
    assert [path for path, _ in findings(data, "DPL006")] == [".github/workflows/bot.yml"], data["findings"]


def test_workflow_syntax_error_stays_quiet(tmp_path):
    """A syntax error is GitHub's to report (the run fails): no finding here."""
    write(tmp_path, {".github/workflows/bot.yml": "on: [push\njobs:\n  a:\n    steps:\n      - run: python bot.py\n",
                     "bot.py": AIOGRAM})
    assert report(tmp_path, "--exit-zero")["findings"] == []


@pytest.mark.parametrize("case", ["actions", "printed", "size"])
def test_helm_template_past_budget(tmp_path, case):
    """A template the static renderer gives up on says so on the template (it was silent)."""
    tail = {"actions": "  x: " + "{{ .Values.replicaCount }}" * 6000 + "\n",
            "printed": "".join(f"  k{i}: {{{{ toJson .Values }}}}\n" for i in range(4000)),
            "size": "# " + "x" * 300_000 + "\n"}[case]
    values = "replicaCount: 3\nblob: " + "y" * 400 + "\n"
    write(tmp_path, {**CHART, "chart/values.yaml": values,
                     "chart/templates/deployment.yaml": CHART["chart/templates/deployment.yaml"] + tail})
    data = report(tmp_path, "--exit-zero")
    assert [path for path, _ in findings(data, "DPL006")] == ["chart/templates/deployment.yaml"], data["findings"]


@pytest.mark.parametrize("value", ["²", "٣", "1e309", "9" * 5000, "-5", "NaN", "0x10", "true", "a.b=1,,,="])
def test_helm_set_odd_numbers_keep_the_chart(tmp_path, value):
    """`--set replicaCount=<odd>` never stops the chart's analysis (a '²' raised in int())."""
    workflow = ("on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: |\n"
                f"          helm upgrade --install relay ./chart --set replicaCount={value}\n")
    write(tmp_path, {**CHART, ".github/workflows/deploy.yml": workflow})
    data = report(tmp_path, "--exit-zero")
    assert "DPL006" not in codes(data), data["findings"]
    assert findings(data, "DPL102"), data["findings"]  # values.yaml's three replicas are still read


# -- output safety --------------------------------------------------------------------------------
def test_diff_escapes_control_characters(tmp_path):
    """`--diff` shows file lines: an ANSI escape or a bare CR in them is written as an escape."""
    write(tmp_path, {"ecosystem.config.js": "module.exports = { apps: [{ name: 'b\x1b]0;owned\x07', script: "
                                            "'bot\x1b[31m.js', instances: 2, exec_mode: 'cluster' }] };\r\n",
                     "bot\x1b[31m.js": "const { Telegraf } = require('telegraf');\nnew Telegraf('x').launch();\n",
                     "package.json": '{"dependencies": {"telegraf": "4"}}'})
    result, _ = run(tmp_path, "--diff", "--unsafe-fixes")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and "+module.exports" in out, out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[31m" in out
    assert out.count("\r") == 2  # the file's own CRLF endings, on the - and + lines


TOKENS = {
    "helm-values-and-set": {**CHART, "chart/values.yaml": f"replicaCount: 3\ntoken: {TOKEN}\nd: {DISCORD_TOKEN}\n",
                            "chart/templates/deployment.yaml": CHART["chart/templates/deployment.yaml"]
                            + "          env:\n            - name: T\n              value: {{ .Values.token | quote }}\n"
                            "          args: [{{ .Values.d }}]\n",
                            ".github/workflows/deploy.yml": "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n"
                            "      - run: |\n          helm upgrade --install relay ./chart --set replicaCount=2 "
                            f"--set token={TOKEN} --set-string d={DISCORD_TOKEN}\n"},
    "koyeb": {".github/workflows/koyeb.yml": "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n"
              "      - uses: koyeb/action-git-deploy@v1\n        with:\n          min-scale: 2\n"
              f"          service-name: bot-{TOKEN}\n          git-run-command: python bot.py {TOKEN} {DISCORD_TOKEN}\n"
              f"      - run: koyeb service update app/bot --min-scale 2 --env T={TOKEN} --git-run-command "
              f"'python bot.py {DISCORD_TOKEN}'\n", "bot.py": AIOGRAM},
    "railway-ts": {".railway/railway.ts": 'import { defineRailway, project, service } from "railway/iac";\n'
                   "export default defineRailway(() => {\n"
                   f"  const bot = service(\"bot-{TOKEN}\", {{ start: \"python bot.py {DISCORD_TOKEN}\", replicas: 2,\n"
                   f"    env: {{ BOT_TOKEN: \"{TOKEN}\", D: `{DISCORD_TOKEN}` }} }});\n"
                   "  return project(\"p\", { resources: [bot] });\n});\n", "bot.py": AIOGRAM},
    "pm2-env": {"ecosystem.config.js": f"module.exports = {{ apps: [{{ name: 'bot-{TOKEN}', script: 'bot.js', "
                f"args: ['{DISCORD_TOKEN}'], instances: 2, exec_mode: 'cluster', cwd: '/srv/app', "
                f"env: {{ T: '{TOKEN}' }}, env_production: {{ D: '{DISCORD_TOKEN}' }} }}] }};\n",
                "bot.js": "const { Telegraf } = require('telegraf');\nnew Telegraf(process.env.T).launch();\n",
                "package.json": '{"dependencies": {"telegraf": "4"}}'},
}


@pytest.mark.parametrize("name", sorted(TOKENS))
def test_tokens_redacted_everywhere(tmp_path, name):
    """Every report and plan format (in-process, as test_fuzz checks them) and the CLI's
    `--diff`: a token written in these configs never leaves deploylint."""
    check_repo(TOKENS[name])
    write(tmp_path, TOKENS[name])
    for args in (("--diff", "--unsafe-fixes"), ("plan", "--format", "mermaid")):
        result, _ = run(tmp_path, *args) if args[0] != "plan" else _plan(tmp_path, *args[1:])
        out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
        assert SECRET not in out and DISCORD_SECRET not in out, out
        assert "internal error" not in out


def _plan(root, *args):
    import os
    import subprocess

    from conftest import DEPLOYLINT

    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    return subprocess.run([*DEPLOYLINT, "plan", *args, "."], cwd=root, env=environment, capture_output=True,
                          timeout=120), 0


def test_js_unknown_escapes_need_no_codec_warning():
    """`'\\T'` in a JS string is `T` (JavaScript keeps an unknown escape's character); Python's
    unicode_escape codec warned about it (DeprecationWarning, an error under `-W error`)
    and read `\\a` as a bell. Found by the round-11 fuzz run on railway.ts."""
    import warnings

    from deploylint.code.js_static import _unescape

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [_unescape(e) for e in ("\\T", "\\a", "\\U", "\\q")] == ["T", "a", "U", "q"]
        assert [_unescape(e) for e in ("\\n", "\\x41", "\\u0041", "\\u{1F600}", "\\'")] == ["\n", "A", "A", "😀", "'"]


def test_python_module_whose_functions_are_all_reached(tmp_path):
    """A 1 MB module whose `main` calls each of 20,000 functions: each lazily parsed block
    was parsed behind as many blank lines as lines before it (quadratic: 10 s of CPU); now
    the block is parsed alone and its line numbers moved (ast.increment_lineno)."""
    n = 20_000
    source = ("import telebot\nbot = telebot.TeleBot('x')\n\n"
              + "".join(f"def f{i}():\n    x = {i}\n    return x\n\n" for i in range(n))
              + "def main():\n" + "".join(f"    f{i}()\n" for i in range(n)) + "\nmain()\n")
    write(tmp_path, {"Procfile": "worker: python bot.py\n", "bot.py": source})
    result, cpu = run(tmp_path, "--format", "json", "--exit-zero", timeout=120)
    assert result.returncode == 0, result.stderr
    assert cpu < 5, cpu
