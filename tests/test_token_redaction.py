"""No output format ever prints a full bot token (DPL201, DPL202 and every other rule).

The repo writes one token in five kinds of files (tracked .env, compose, Dockerfile,
PM2 ecosystem, Python source) plus a Procfile command, whose text also reaches the
trace notes of other rules; a gitignored .env shares it (DPL202). Every format's output,
stdout and stderr, is searched for the raw secret.
"""
from __future__ import annotations

import json
import random
import string

import pytest

from conftest import run_cli, write_tree
from deploylint.report import FORMATS
from deploylint.secrets import is_placeholder

ALPHABET = string.ascii_letters + string.digits + "_-"


def _token(seed: int) -> str:
    rng = random.Random(seed)  # built at run time: no secret-shaped literal in the test suite
    while True:
        token = "7012345678:AA" + "".join(rng.choice(ALPHABET) for _ in range(33))
        if not is_placeholder(token):
            return token


TOKEN = _token(201)
SECRET = TOKEN.split(":", 1)[1]
REDACTED = f"7012345678:{SECRET[:3]}…[redacted]"

FILES = {
    ".gitignore": ".env.local\n",
    ".env": f"TELEGRAM_BOT_TOKEN={TOKEN}\n",
    ".env.local": f"TELEGRAM_BOT_TOKEN={TOKEN}\n",
    "docker-compose.yml": "services:\n  bot:\n    build: .\n    environment:\n"
                          f"      TELEGRAM_BOT_TOKEN: \"{TOKEN}\"\n",
    "Dockerfile": f"FROM python:3.12-slim\nENV TELEGRAM_BOT_TOKEN={TOKEN}\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n",
    "ecosystem.config.js": "module.exports = {\n  apps: [\n    {\n      name: 'bot',\n      script: 'bot.js',\n"
                           f"      env_production: {{\n        TELEGRAM_BOT_TOKEN: '{TOKEN}',\n      }},\n    }},\n  ],\n}};\n",
    "bot.py": "import os\nfrom telegram.ext import Application\n\n"
              f"TOKEN = os.getenv(\"TELEGRAM_BOT_TOKEN\", \"{TOKEN}\")\n"
              "app = Application.builder().token(TOKEN).build()\napp.run_polling()\n",
    "Procfile": f"worker: TELEGRAM_BOT_TOKEN={TOKEN} python bot.py\n",
    "bot.js": "const { Telegraf } = require('telegraf');\nconst bot = new Telegraf(process.env.TELEGRAM_BOT_TOKEN);\n"
              "bot.launch();\n",
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return write_tree(tmp_path_factory.mktemp("tokens"), FILES)


def test_tokens_are_found_in_every_kind_of_file(repo):
    result = run_cli("--format", "json", str(repo))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    hardcoded = {f["path"] for f in report["findings"] if f["code"] == "DPL201"}
    assert hardcoded == {".env", "docker-compose.yml", "Dockerfile", "ecosystem.config.js", "bot.py", "Procfile"}
    shared = [f for f in report["findings"] if f["code"] == "DPL202"]
    assert shared and all(REDACTED in f["message"] for f in shared)
    assert any(f["path"] == ".env.local" for f in shared)  # the untracked local file counts for DPL202 only


@pytest.mark.parametrize("output", sorted({"text", "json", "sarif", "github", *FORMATS}))
def test_no_format_prints_the_token(repo, output):
    result = run_cli("--format", output, str(repo))
    assert result.returncode == 1, result.stderr  # findings, not a usage error
    for stream in (result.stdout, result.stderr):
        assert SECRET not in stream
        assert SECRET[:20] not in stream and SECRET[-20:] not in stream  # no partial leak either
    assert REDACTED in result.stdout


def test_coloured_text_does_not_print_the_token(repo):
    result = run_cli("--color", "always", str(repo))
    assert SECRET[-20:] not in result.stdout
    assert REDACTED in result.stdout
