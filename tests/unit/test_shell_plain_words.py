"""The plain-command case of the shell analysis (commands/shell_simple.py) builds exactly
what the tree-sitter walk builds, and declines everything with shell syntax."""
from __future__ import annotations

import pytest

from deploylint.commands import Context
from deploylint.commands.shell import walk_shell
from deploylint.commands.shell_simple import analyse_simple
from deploylint.discover import discover
from deploylint.model import Location, Process

from conftest import write_tree

PLAIN = [
    "gunicorn app.main:app -w 2",
    "python -m app.bot",
    "  node   dist/index.js\t--port=8000 ",
    "exec python bot.py",
    "nohup python bot.py",
    "env DEBUG=1 python bot.py",
    "uv run python -m bot",
    "npm start",
    "npm run start:prod",
    "pm2-runtime start ecosystem.config.js",
    "celery -A proj worker -B --concurrency=4",
    "uvicorn api:app --workers 4 --host 0.0.0.0",
    "bin/start",
    "./start.sh",
    "sh start.sh web",
    "python missing.py",
]

SHELL = ["python bot.py &", "a && b", "echo $HOME", "python 'bot.py'", "FOO=1 python bot.py", "cd app",
         "source env.sh", ". env.sh", "python *.py", "python bot.py # comment", "x=$(cat f)", "if true",
         "python bot.py > log", "a; b", "a\nb", "time python bot.py", "python ~/bot.py", "{ a; }", "exit 0",
         "set -e", "python bot.py|tee", "export A=1", "trap x EXIT", ": x", "python bot.py \\", ""]


def _repo(tmp_path):
    write_tree(tmp_path, {
        "bot.py": "from telegram.ext import Application\nApplication.builder().token('x').build().run_polling()\n",
        "app/__init__.py": "", "app/bot.py": "import bot\n", "app/main.py": "app = object()\n",
        "start.sh": "#!/bin/sh\nexec python bot.py\n", "bin/start": "python bot.py &\npython bot.py\n",
        "package.json": '{"scripts": {"start": "node index.js", "start:prod": "python bot.py"}}',
        "index.js": "console.log(1)\n", "dist/index.js": "console.log(1)\n",
    })
    return discover(tmp_path)


def _shape(processes: list[Process]):
    return [(p.argv, p.location, p.kind, p.copies, p.background, p.cwd, p.trace, p.waits_how, p.branches,
             p.condition, getattr(p.waits_for, "argv", None)) for p in processes]


@pytest.mark.parametrize("text", PLAIN)
@pytest.mark.parametrize("column", [1, 7])
@pytest.mark.parametrize("waits", [False, True])
def test_fast_path_agrees_with_the_shell_walk(tmp_path, text, column, waits):
    repo = _repo(tmp_path)
    before = Process(argv=("python", "migrate.py"), location=Location("Procfile", 1, 1)) if waits else None
    ctx = Context(repo, waits_for=before, positional=("x",))
    where = Location("Procfile", 3, column)
    fast = analyse_simple(text, where, ctx)
    assert fast is not None
    fast_findings = [(f.code, f.message, f.location) for f in repo.findings]
    repo.findings.clear()
    slow = walk_shell(text, where, ctx)
    assert _shape(fast.processes) == _shape(slow.processes)
    assert fast.facts == slow.facts
    assert fast_findings == [(f.code, f.message, f.location) for f in repo.findings]


@pytest.mark.parametrize("text", SHELL)
def test_anything_with_shell_syntax_takes_the_walk(tmp_path, text):
    assert analyse_simple(text, Location("Procfile", 1, 1), Context(_repo(tmp_path))) is None
