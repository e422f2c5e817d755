"""Issue #13, round 13: the inputs that were slow but were thought linear, counted (lines
executed, never wall time). Each fails if its step becomes quadratic again: work per
doubling of the input stays near 2x (LIMIT allows 2.1x).

Counted with conftest.executed_lines alone: test_scaling.operations also patches
`ast.parse` (to count statement slices), and the lists it puts in the tree make every
large module fall back from the stubbed (lazy) parse to a whole one, so that measure
never sees the work on stubbed blocks (the module of statements: 16 s at 30,000)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import executed_lines
from deploylint.engine import scan
from test_scaling import LIMIT, growth as scaling_growth


def growth(make, tmp_path: Path) -> float:
    """test_scaling.growth, counting the lines executed without its `ast.parse` patch (that
    patch parses large modules whole, so the lazy path these cases exercise would never run)."""
    return scaling_growth(make, tmp_path, measure=lambda root: executed_lines(lambda: scan(root)))


def module_of_statements(root: Path, k: int) -> None:
    """A module of 150*k top-level statements (fewer lines than python_lazy.PREFIX_LINES, so
    no block's line numbers are moved): names assigned and tested (`if v:` asks what the
    name holds), functions (stubbed blocks), dicts, calls; the bot polls at the end. Every
    name asked about was a pass over every stubbed block (30,000 statements: 16 s)."""
    lines = ["import os", "import telebot", "bot = telebot.TeleBot('x')", "def helper(a, b=1):", "    return a + b"]
    for i in range(150 * k):
        lines += {0: [f"v{i} = helper({i}, b=os.environ.get('A{i}'))"],
                  1: [f"if v{i - 1}:", f"    v{i} = [v{i - 1}, {i}]", "else:", f"    v{i} = None"],
                  2: [f"def f{i}(x):", f"    return helper(x) + v{i - 2}"],
                  3: [f"d{i} = {{'k': f{i - 1}, 'n': {i}}}"],
                  4: [f"f{i - 2}(v{i - 4})"]}[i % 5]
    lines.append("bot.infinity_polling()")
    (root / "bot.py").write_text("\n".join(lines) + "\n")
    (root / "Procfile").write_text("worker: python bot.py\n")


def celery_receivers(root: Path, k: int) -> None:
    """50*k Celery signal receivers in one module, one of which queues the polling task."""
    text = ["from celery import Celery", "from celery.signals import worker_ready, worker_process_init",
            "app = Celery('t')", "@app.task", "def listen():", "    import telebot",
            "    telebot.TeleBot('x').infinity_polling()"]
    for i in range(50 * k):
        text += [f"@{'worker_ready' if i % 2 else 'worker_process_init'}.connect", f"def on{i}(sender=None, **kw):",
                 f"    x = {i}", "    if x == 7:", "        listen.delay()"]
    (root / "tasks.py").write_text("\n".join(text) + "\n")
    (root / "Procfile").write_text("worker: celery -A tasks worker -c 4\n")


def compose_services(root: Path, k: int) -> None:
    """20*k compose services that build the repository and depend on each other in a chain."""
    (root / "Dockerfile").write_text("FROM python:3.12\nCOPY . .\n")
    (root / "bot.py").write_text("import telebot\ntelebot.TeleBot('x').infinity_polling()\n")
    (root / "docker-compose.yml").write_text("services:\n" + "".join(
        f"  s{i}:\n    build: .\n    command: python {'bot' if i % 3 == 0 else 'other'}.py --n {i}\n"
        f"    environment:\n      - A={i}\n    depends_on: [s{max(i - 1, 0)}]\n" for i in range(20 * k)))


def loader_directory(root: Path, k: int) -> None:
    """A discord.js command loader over a directory of 100*k modules."""
    (root / "index.js").write_text(
        "const fs = require('fs');\nconst path = require('path');\nconst { Client } = require('discord.js');\n"
        "const client = new Client({intents: []});\nfor (const file of fs.readdirSync(path.join(__dirname, 'commands'))) {\n"
        "  const cmd = require(path.join(__dirname, 'commands', file));\n  client.on(cmd.name, cmd.execute);\n}\n"
        "client.login(process.env.TOKEN);\n")
    (root / "package.json").write_text('{"dependencies": {"discord.js": "14"}}')
    (root / "Procfile").write_text("worker: node index.js\n")
    (root / "commands").mkdir()
    for i in range(100 * k):
        (root / "commands" / f"c{i:05}.js").write_text(f"module.exports = {{ name: 'c{i}', execute() {{ return {i}; }} }};\n")


CASES = {"module-of-statements": module_of_statements, "celery-receivers": celery_receivers,
         "compose-services": compose_services, "loader-directory": loader_directory}


@pytest.mark.parametrize("name", sorted(CASES))
def test_work_grows_linearly(name, tmp_path):
    ratio = growth(CASES[name], tmp_path)
    assert ratio <= LIMIT, f"{name}: work grew {ratio ** 0.5:.2f}x per doubling of the input (linear is 2.0x)"
