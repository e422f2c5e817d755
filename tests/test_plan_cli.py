"""`deploylint plan`: the tree, JSON and Mermaid views of what each platform starts.

The Mermaid output is checked with Mermaid's own parser (the `mermaid` npm package run
in node with jsdom) when node and npm are available; the package is installed once into
~/.cache/deploylint-tests (or $DEPLOYLINT_MERMAID_DIR)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

PROCFILE = "web: celery -A app worker\nworker: celery -A app beat\nclock: celery -A app beat --loglevel info\n" \
           "release: celery -A app beat\n"


def plan(root: Path, *args: str) -> str:
    result = run_cli("plan", *args, str(root))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_short_shell_commands_fold_into_one_line_in_text_and_mermaid_but_not_json(tree):
    root = tree({"Procfile": "worker: bash start.sh\n", "bot.py": "import telebot\ntelebot.TeleBot('x').infinity_polling()\n",
                 "start.sh": "echo starting\nlog() { echo \"$@\"; return 0; }\nlog hi\nsleep 2\nexec python bot.py\n"})
    lines = plan(root).splitlines()
    assert [line for line in lines if line.startswith("    runs ")] == ["    runs python bot.py  [python-script, bot.py]  start.sh:5"]
    assert "    also runs 4 short commands (echo, return, sleep)  start.sh:1" in lines
    assert "    sleep: sleep 2  start.sh:4" in lines
    assert "4 short commands (echo, return, sleep)" in plan(root, "--format", "mermaid")
    processes = json.loads(plan(root, "--format", "json"))["targets"][0]["launches"][0]["processes"]
    assert [p["argv"][0] for p in processes] == ["echo", "echo", "return", "sleep", "python"]


def test_text_tree(tree):
    root = tree({"Procfile": PROCFILE})
    out = plan(root)
    lines = out.splitlines()
    assert lines[0] == "Procfile (heroku)  Procfile:1"
    assert "  worker: celery -A app beat" in lines
    assert "    runs celery -A app beat  [celery]  Procfile:2" in lines
    assert "      reaches Celery beat (singleton)  Procfile:2" in lines
    assert any(line.startswith("    1 copy  Procfile:4  -- not started") for line in lines)  # release
    assert "    Celery beat: worker x1, clock x1 = 2 started more than once" in lines
    # indentation is the tree: target > launch > program > singleton
    assert all(re.match(r"^( {0}| {2}| {4}| {6})\S", line) for line in lines if line)


def test_json(tree):
    root = tree({"Procfile": PROCFILE})
    data = json.loads(plan(root, "--format", "json"))
    (target,) = data["targets"]
    assert (target["platform"], target["name"]) == ("heroku", "Procfile")
    assert [launch["name"] for launch in target["launches"]] == ["web", "worker", "clock", "release"]
    worker = target["launches"][1]
    assert worker["command"] == "celery -A app beat" and worker["copies"]["count"] == 1
    (process,) = worker["processes"]
    assert process["kind"] == "celery" and process["reaches"][0]["name"] == "Celery beat"
    assert target["singletons"] == [{"name": "Celery beat", "copies": 2, "reached_by": [
        {"launch": "worker", "program": "celery -A app beat", "copies": 1, "after": None, "condition": None,
         "counted": True},
        {"launch": "clock", "program": "celery -A app beat --loglevel info", "copies": 1, "after": None,
         "condition": None, "counted": True}]}]


def test_declared_singletons_from_config_show_up(tree):
    root = tree({"Procfile": "sync: celery -A app worker -Q sync\n",
                 ".deploylint.toml": 'singletons = ["celery * -Q sync"]\n'})
    assert "reaches declared singleton `celery * -Q sync` (singleton)" in plan(root)
    assert "declared singleton" not in plan(root, "--isolated")


def test_empty_repository(tree):
    root = tree({"README.md": "hello\n"})
    assert plan(root).startswith("No deployment configuration found")
    assert json.loads(plan(root, "--format", "json")) == {"version": 1, "targets": []}


def test_output_file(tree, tmp_path):
    root = tree({"Procfile": PROCFILE})
    result = run_cli("plan", "--format", "mermaid", "--output", str(tmp_path / "plan.mmd"), str(root))
    assert result.returncode == 0 and result.stdout == ""
    assert (tmp_path / "plan.mmd").read_text().startswith("flowchart LR\n")


def test_mermaid_structure(tree):
    root = tree({"Procfile": PROCFILE.replace("beat", "beat --hostname 'x \"quoted\" <tag> #1'")})
    out = plan(root, "--format", "mermaid")
    lines = out.splitlines()
    assert lines[0] == "flowchart LR"
    assert out.count("subgraph ") == out.count("\n  end\n") == 1
    labels = re.findall(r'"([^"]*)"', out)
    assert labels and all("<" not in label.replace("<br/>", "") for label in labels)
    assert "#quot;quoted#quot;" in out and "#lt;tag#gt;" in out and "#35;1" in out
    # both beat processes point at one singleton node
    singleton = re.search(r"(T0S\d+)\(\[", out).group(1)
    assert len(re.findall(rf"--> *(?:\|[^|]*\| *)?{singleton}$", out, re.MULTILINE)) == 2
    assert f"class {singleton} singleton" in out


def _mermaid_dir() -> Path | None:
    """A directory with node_modules/mermaid and jsdom, installing them once if npm is here."""
    if shutil.which("node") is None:
        return None
    directory = Path(os.environ.get("DEPLOYLINT_MERMAID_DIR", Path.home() / ".cache" / "deploylint-tests" / "mermaid"))
    if not (directory / "node_modules" / "mermaid").is_dir() or not (directory / "node_modules" / "jsdom").is_dir():
        if shutil.which("npm") is None:
            return None
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "package.json").write_text('{"private": true}\n')
        install = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "mermaid@11", "jsdom@26"],
                                 cwd=directory, capture_output=True, text=True, timeout=600)
        if install.returncode != 0:
            return None
    (directory / "parse.mjs").write_text(_PARSE_SCRIPT)
    return directory


_PARSE_SCRIPT = """\
import { JSDOM } from 'jsdom';
import { readFileSync } from 'fs';
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
try {
  const result = await mermaid.parse(readFileSync(process.argv[2], 'utf8'));
  console.log(result.diagramType);
} catch (error) {
  console.log('ERROR ' + error.message);
  process.exit(1);
}
"""


@pytest.fixture(scope="module")
def mermaid_parser():
    directory = _mermaid_dir()
    if directory is None:
        pytest.skip("node/npm or the mermaid package are not available")

    def parse(text: str, tmp: Path) -> subprocess.CompletedProcess:
        source = tmp / "diagram.mmd"
        source.write_text(text)
        return subprocess.run(["node", str(directory / "parse.mjs"), str(source)], capture_output=True, text=True,
                              timeout=120)
    return parse


def test_mermaid_parses_with_mermaid(tree, tmp_path, mermaid_parser):
    root = tree({"Procfile": PROCFILE.replace("beat", "beat -n 'q\"<t>#1`x`[y]{z}|p|end'"),
                 "Procfile.dev": "a: celery -A app beat\n"})
    out = plan(root, "--format", "mermaid")
    result = mermaid_parser(out, tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "flowchart-v2", result.stdout + out
    assert "T0S0([" in out and "|p|" in out  # the odd characters really reached the labels
    broken = mermaid_parser('flowchart LR\n  A[x" y] --> B\n', tmp_path)  # the parser does reject bad input
    assert broken.returncode == 1


def test_railway_iac_services_are_targets_with_copies_and_reason(tree):
    root = tree({".railway/railway.ts": 'import { defineRailway, project, service } from "railway/iac";\n'
                 'export default defineRailway((ctx) => project("p", { resources: [\n'
                 '  service("bot", { start: "python bot.py", replicas: ctx.environment === "production" ? 2 : 1 }),\n'
                 '  service("web", { start: "python web.py" }),\n]}));\n',
                 "bot.py": "from telegram.ext import Application\nApplication.builder().token('x').build().run_polling()\n",
                 "web.py": ""})
    lines = plan(root).splitlines()
    assert lines[0] == ".railway/railway.ts (railway)  .railway/railway.ts:1"
    assert "  bot: python bot.py" in lines and "  web: python web.py" in lines
    assert any("2 copies (replicas: ctx.environment === \"production\" ? 2 : 1 = 2 in environment `production`)" in line
               for line in lines)
    data = json.loads(plan(root, "--format", "json"))
    assert json.dumps(data).count("railway") >= 1


def test_railway_environments_with_different_services_are_told_apart(tree):
    root = tree({".railway/railway.ts": 'import { defineRailway, project, service } from "railway/iac";\n'
                 'export default defineRailway((ctx) => project("p", { resources: [\n'
                 '  service(ctx.environment === "staging" ? "bot-staging" : "bot", { start: "node bot.js" }),\n]}));\n',
                 "bot.js": ""})
    titles = [line for line in plan(root).splitlines() if line and not line.startswith(" ")]
    assert titles == [".railway/railway.ts (railway, environments production, other environments)  .railway/railway.ts:1",
                      ".railway/railway.ts (railway, environment staging)  .railway/railway.ts:1"]
    data = json.loads(plan(root, "--format", "json"))
    assert [t["environments"] for t in data["targets"]] == [["production", "<other>"], ["staging"]]
    mermaid = plan(root, "--format", "mermaid")
    assert "(railway, environment staging)" in mermaid


def test_one_railway_target_keeps_its_plain_title(tree):
    root = tree({".railway/railway.ts": 'import { defineRailway, project, service } from "railway/iac";\n'
                 'export default defineRailway((ctx) => project("p", { resources: [\n'
                 '  service("bot", { start: "node bot.js" }),\n]}));\n', "bot.js": ""})
    assert plan(root).splitlines()[0] == ".railway/railway.ts (railway)  .railway/railway.ts:1"
