"""No analysis step may grow faster than its input: operation counts, not wall time.

Each case builds an input of size N, 2N and 4N (statements of one entry file, process
types of one Procfile, services of one compose file, lines of one shell script, files
of one tree), scans it in-process and counts the work done:

- every line of Python executed during the scan (a `sys.settrace` line counter over
  deploylint and the libraries it calls: a loop over all processes per target or over
  the rest of a block per statement runs its line once per element);
- every element copied by slicing a Python statement list (a plain slice is C work no
  line counter sees: the parsed statement lists are swapped for lists that count).

The constant part (start-up of the scan, the fixed files of each case) cancels in the
growth of the increments: (ops(16N) - ops(4N)) / (ops(4N) - ops(N)) is 4.0 for linear
work (two doublings) and tends to 16.0 for quadratic work. The test allows 4.4 (about
2.1x per doubling). The last tests put known quadratic steps back and check that this
measure catches them.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import executed_lines
from deploylint.engine import scan

LIMIT = 4.4


class _Counter:
    ops = 0


class _CountedList(list):
    """A statement list whose slices count the elements they copy."""

    def __getitem__(self, index):
        result = super().__getitem__(index)
        if isinstance(index, slice):
            _Counter.ops += len(result)
            return _CountedList(result)
        return result


_BLOCK_FIELDS = ("body", "orelse", "finalbody")


def _counted_parse(original):
    def parse(source, *args, **kwargs):
        tree = original(source, *args, **kwargs)
        for node in ast.walk(tree):
            for name in _BLOCK_FIELDS:
                value = getattr(node, name, None)
                if type(value) is list and value and isinstance(value[0], ast.stmt):
                    setattr(node, name, _CountedList(value))
        return tree
    return parse


def operations(root: Path) -> int:
    """Lines executed (and statement elements sliced) while scanning `root`."""
    _Counter.ops = 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ast, "parse", _counted_parse(ast.parse))
        lines = executed_lines(lambda: scan(root))
    return lines + _Counter.ops


def growth(make, tmp_path: Path, sizes=(1, 4, 16), measure=None) -> float:
    """How much more work the second step up in size costs than the first (`measure(root)`,
    by default `operations`)."""
    measure = measure or operations
    counts = []
    for size in sizes:
        root = tmp_path / f"n{size}"
        root.mkdir()
        make(root, size)
        scan(root)  # warm: lazy imports and compiled patterns are not the input's work
        counts.append(measure(root))
    first, second = counts[1] - counts[0], counts[2] - counts[1]
    assert first > 0, counts
    return second / first


# -- inputs -------------------------------------------------------------------------------
def python_entry(root: Path, k: int) -> None:
    """One entry file whose `main` has 40*k statements: assignments, calls, early-return
    ifs (the rest of the block is an else branch), helpers it calls; webhook words in
    the module, so the webhook-or-polling analysis runs."""
    lines = ["import os", "from telegram.ext import Application", "", "WEBHOOK_URL = os.getenv('WEBHOOK_URL')", ""]
    for i in range(8 * k):
        lines += [f"def helper_{i}(app):", f"    value_{i} = os.getenv('V{i}')", f"    return value_{i}", ""]
    lines += ["def main():", "    app = Application.builder().token(os.environ['TOKEN']).build()"]
    for i in range(8 * k):
        lines += [f"    x_{i} = helper_{i}(app)", f"    if os.getenv('STOP_{i}'):", "        return",
                  f"    app.bot_data['k{i}'] = x_{i}", f"    print(x_{i})"]
    lines += ["    app.run_polling()", "", "if __name__ == '__main__':", "    main()", ""]
    (root / "bot.py").write_text("\n".join(lines))
    (root / "Procfile").write_text("worker: python bot.py\n")


def procfile(root: Path, k: int) -> None:
    """A Procfile of 10*k process types, each starting a polling bot (targets x processes)."""
    (root / "bot.py").write_text("from telegram.ext import Application\n"
                                 "Application.builder().token('x').build().run_polling()\n")
    (root / "Procfile").write_text("".join(f"p{i}: python bot.py --n {i}\n" for i in range(10 * k)))


def compose(root: Path, k: int) -> None:
    """A compose file of 4*k services, each running the bot."""
    (root / "bot.py").write_text("from telegram.ext import Application\n"
                                 "Application.builder().token('x').build().run_polling()\n")
    (root / "Dockerfile").write_text("FROM python:3.12\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n")
    services = "".join(f"  s{i}:\n    build: .\n    command: python bot.py --n {i}\n    environment:\n"
                       f"      WEBHOOK_URL: https://x{i}.example\n" for i in range(4 * k))
    (root / "docker-compose.yml").write_text("services:\n" + services)


def shell_script(root: Path, k: int) -> None:
    """A start script of 30*k lines: variables, conditions, background jobs, a bot."""
    lines = ["#!/bin/sh", "set -e"]
    for i in range(10 * k):
        lines += [f"export V{i}=${{V{i}:-{i}}}", f"if [ -n \"$V{i}\" ]; then echo {i}; fi", f"sleep 0 && echo {i} &"]
    lines += ["python bot.py &", "exec gunicorn app:app -w 2"]
    (root / "start.sh").write_text("\n".join(lines) + "\n")
    (root / "bot.py").write_text("from telegram.ext import Application\n"
                                 "Application.builder().token('x').build().run_polling()\n")
    (root / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    (root / "Procfile").write_text("web: sh start.sh\n")


def js_entry(root: Path, k: int) -> None:
    """One JS entry of 40*k handlers and calls around a Telegraf bot."""
    lines = ["const { Telegraf } = require('telegraf');", "const bot = new Telegraf(process.env.TOKEN);"]
    for i in range(20 * k):
        lines += [f"function handler{i}(ctx) {{ if (ctx.message.text === 'x{i}') {{ return ctx.reply('y'); }} }}",
                  f"bot.command('c{i}', handler{i});"]
    lines += ["bot.launch();"]
    (root / "index.js").write_text("\n".join(lines) + "\n")
    (root / "Procfile").write_text("worker: node index.js\n")


def tree(root: Path, k: int) -> None:
    """A monorepo of 120*k files: a bot, a web frontend, docs, configs, a committed venv."""
    procfile(root, 1)
    for i in range(20 * k):
        for path, text in ((f"web/src/d{i % 7}/c{i}.tsx", f"export const C{i} = () => null;\n"),
                           (f"web/src/d{i % 7}/m{i}.ts", f"export const m{i} = {i};\n"),
                           (f"app/pkg{i % 5}/m{i}.py", f"VALUE_{i} = {i}\n"),
                           (f"docs/d{i % 3}/p{i}.md", f"# page {i}\n"),
                           (f"web/public/a{i}.json", f'{{"n": {i}}}\n'),
                           (f"venv/lib/python3.12/site-packages/p{i % 9}/m{i}.py", f"X = {i}\n")):
            path = root / path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    (root / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")


def many_apps(root: Path, k: int) -> None:
    """A monorepo of 6*k apps, each with its own Procfile and bot: targets grow with processes."""
    for i in range(6 * k):
        app = root / f"apps/a{i}"
        app.mkdir(parents=True)
        (app / "bot.py").write_text("from telegram.ext import Application\n"
                                    "Application.builder().token('x').build().run_polling()\n")
        (app / "Procfile").write_text("worker: python bot.py\nbot: python bot.py\n")


def celery_tasks(root: Path, k: int) -> None:
    """A Celery app whose worker imports 6*k task modules of 4 tasks each (a poller among
    them), tasks queued from a start-up receiver and from nested functions: the
    queued-once check must not read every module again for every task."""
    (root / "Procfile").write_text("worker: celery -A proj worker\n")
    (root / "proj").mkdir()
    (root / "proj" / "__init__.py").write_text("")
    modules = [f"tasks{i}" for i in range(6 * k)]
    (root / "proj" / "celery.py").write_text(
        "from celery import Celery, signals\n\napp = Celery('proj')\n"
        f"app.autodiscover_tasks({modules!r})\n\n"
        "@signals.worker_ready.connect\ndef ready(**kwargs):\n    from tasks0.tasks import poll\n    poll.delay()\n")
    for i, name in enumerate(modules):
        (root / name).mkdir()
        (root / name / "__init__.py").write_text("")
        body = ["import os", "import telebot", "from celery import shared_task", ""]
        if i == 0:
            body += ["@shared_task", "def poll():", "    telebot.TeleBot(os.environ['TOKEN']).infinity_polling()", ""]
        for t in range(4):
            body += ["@shared_task", f"def job_{i}_{t}(x):", "    def inner():", "        def deeper():",
                     f"            return job_{i}_{(t + 1) % 4}.delay(x)", "        return deeper()", "    return inner()", ""]
        (root / name / "tasks.py").write_text("\n".join(body))


CASES = {"python-entry": python_entry, "celery-tasks": celery_tasks, "many-apps": many_apps, "procfile": procfile, "compose": compose, "shell-script": shell_script,
         "js-entry": js_entry, "tree": tree}


@pytest.mark.parametrize("name", sorted(CASES))
def test_work_grows_linearly(name, tmp_path):
    ratio = growth(CASES[name], tmp_path)
    assert ratio <= LIMIT, f"{name}: work grew {ratio ** 0.5:.2f}x per doubling of the input (linear is 2.0x)"


def test_the_measure_catches_a_slice_of_the_rest_per_statement(tmp_path, monkeypatch):
    """A step that slices the rest of a block per statement (a plain C copy, which only
    the counted statement lists see) must exceed the limit."""
    from deploylint.code import python_summary

    original = python_summary._Summariser.block

    def slicing_block(self, stmts, scope, ctx):
        for index in range(len(stmts)):
            stmts[index + 1:]  # noqa: B018 - the quadratic step under test
        return original(self, stmts, scope, ctx)

    monkeypatch.setattr(python_summary._Summariser, "block", slicing_block)
    assert growth(python_entry, tmp_path, sizes=(2, 8, 32)) > LIMIT  # larger: the linear work per statement grew


def test_the_measure_catches_a_scan_of_all_processes_per_target(tmp_path, monkeypatch):
    """The shape DPL101 once had: every singleton hit of the plan filtered again for each
    target, over a plan whose instance list is rebuilt on every access."""
    from deploylint.checks import common, polling_started_twice
    from deploylint.plan import Plan

    def per_target(plan):
        for target in plan.targets:
            hits = [(i, e) for i, e in common.singleton_hits(plan) if i.target is target]
            yield from ()  # the grouping that follows is not the point
            del hits

    monkeypatch.setattr(Plan, "instances", property(lambda self: [i for lp in self.launches for i in lp.instances]))
    monkeypatch.setattr(polling_started_twice, "check", per_target)
    assert growth(many_apps, tmp_path) > LIMIT
