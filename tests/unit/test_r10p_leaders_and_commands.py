"""Round 10 (Python): leader guards, `python -m` resolution order, click/Typer sub-commands."""
from __future__ import annotations

from conftest import scan_json, write_tree

from deploylint.code.python_leader import _precedes
from deploylint.model import Location, Step

COMPOSE = "services:\n  bot:\n    image: x\n    command: python bot.py\n    deploy:\n      replicas: 2\n"
REQS = "pyTelegramBotAPI==4.21.0\nredis==5.0.8\n"


def _codes(tmp_path, tree):
    write_tree(tmp_path, tree)
    return sorted(f["code"] for f in scan_json(tmp_path)["findings"])


def _bot(guard: str) -> str:
    return ("import os\nimport redis\nimport telebot\n\nr = redis.Redis()\n\n\ndef main():\n"
            f"{guard}"
            "    telebot.TeleBot(os.environ['T']).infinity_polling()\n\n\nmain()\n")


def _step(line: int, note: str = "x", path: str = "bot.py") -> Step:
    return Step(Location(path, line, 1), note)


def test_precedes_same_function_earlier_line():
    shared = (_step(1, "main"),)
    assert _precedes(shared + (_step(5, "lock"),), shared + (_step(7, "start"),))
    assert not _precedes(shared + (_step(9, "lock"),), shared + (_step(7, "start"),))


def test_precedes_needs_the_same_file_and_a_parting_point():
    shared = (_step(1, "main"),)
    assert not _precedes(shared + (_step(5, "lock", "a.py"),), shared + (_step(7, "start", "b.py"),))
    assert not _precedes(shared, shared + (_step(7, "start"),))


def test_precedes_not_across_the_two_branches_of_one_if():
    shared = (_step(1, "main"),)
    lock = shared + (_step(4, "if `mode`"), _step(5, "lock"))
    start = shared + (_step(4, "else of `if mode`"), _step(8, "start"))
    assert not _precedes(lock, start)


def test_setnx_and_redis_lock_context_guard_replicas(tmp_path):
    held = ("import os\nimport redis\nimport telebot\n\nr = redis.Redis()\n\n\ndef main():\n"
            "    with r.lock('bot-leader', blocking_timeout=None):\n"
            "        telebot.TeleBot(os.environ['T']).infinity_polling()\n\n\nmain()\n")
    for bot in (_bot("    if not r.setnx('bot', 1):\n        return\n"), held):
        tree = {"docker-compose.yml": COMPOSE, "requirements.txt": REQS, "bot.py": bot}
        assert "DPL102" not in _codes(tmp_path, tree), bot


def test_redis_get_is_no_guard(tmp_path):
    tree = {"docker-compose.yml": COMPOSE, "requirements.txt": REQS,
            "bot.py": _bot("    if r.get('paused'):\n        return\n")}
    assert "DPL102" in _codes(tmp_path, tree)


def test_dyno_guard_for_another_type_starts_nothing(tmp_path):
    # Heroku names worker dynos worker.1, worker.2: `DYNO == 'clock.1'` is false in every
    # one of them, so no worker dyno polls (round 15: per-type DYNO guards); the same test
    # naming the worker type's first dyno keeps one poller of two dynos
    bot = ("import os, telebot\n\nif os.environ.get('DYNO') == '{}':\n"
           "    telebot.TeleBot(os.environ['T']).infinity_polling()\n")
    tree = {"Procfile": "worker: python bot.py\n", "app.json": '{"formation": {"worker": {"quantity": 2}}}',
            "requirements.txt": REQS}
    assert "DPL102" not in _codes(tmp_path / "clock", {**tree, "bot.py": bot.format("clock.1")})
    assert "DPL102" not in _codes(tmp_path / "first", {**tree, "bot.py": bot.format("worker.1")})
    assert "DPL102" in _codes(tmp_path / "unguarded", {**tree, "bot.py": bot.format("worker.1").replace(
        "if os.environ.get('DYNO') == 'worker.1':\n    ", "")})


def test_dyno_endswith_guard(tmp_path):
    bot = ("import os, telebot\n\nif os.environ.get('DYNO', '').endswith('.1'):\n"
           "    telebot.TeleBot(os.environ['T']).infinity_polling()\n")
    tree = {"Procfile": "worker: python bot.py\n", "app.json": '{"formation": {"worker": {"quantity": 2}}}',
            "requirements.txt": REQS, "bot.py": bot}
    assert "DPL102" not in _codes(tmp_path, tree)


POLL = "import os, telebot\ntelebot.TeleBot(os.environ['T']).infinity_polling()\n"


def test_m_regular_package_wins_over_module(tmp_path):
    tree = {"Procfile": "worker: python -m pkg\n", "app.json": '{"formation": {"worker": {"quantity": 2}}}',
            "requirements.txt": REQS, "pkg.py": "X = 1\n", "pkg/__init__.py": "", "pkg/__main__.py": POLL}
    assert _codes(tmp_path, tree) == ["DPL102"]


def test_m_module_wins_over_namespace_directory(tmp_path):
    tree = {"Procfile": "worker: python -m pkg\n", "app.json": '{"formation": {"worker": {"quantity": 2}}}',
            "requirements.txt": REQS, "pkg.py": "X = 1\n", "pkg/__main__.py": POLL}
    assert _codes(tmp_path, tree) == []


CLI = ("import os, click, telebot\n\n@click.group()\ndef cli():\n    pass\n\n"
       "@cli.command()\ndef sync_users():\n    print('synced')\n\n"
       "@cli.command(name='poll')\ndef poll_forever():\n    telebot.TeleBot(os.environ['T']).infinity_polling()\n\n"
       "if __name__ == '__main__':\n    cli()\n")


def test_script_click_group_subcommands(tmp_path):
    base = {"requirements.txt": REQS + "click\n", "manage_bot.py": CLI}
    poll = {**base, "Procfile": "worker: python manage_bot.py poll\nclock: python manage_bot.py poll\n"}
    assert _codes(tmp_path / "a", poll) == ["DPL101"]
    sync = {**base, "Procfile": "worker: python manage_bot.py sync-users\nclock: python manage_bot.py poll\n"}
    assert _codes(tmp_path / "b", sync) == []


def test_group_option_before_the_command_is_not_guessed(tmp_path):
    tree = {"requirements.txt": REQS + "click\n", "manage_bot.py": CLI,
            "Procfile": "worker: python manage_bot.py --verbose poll\nclock: python manage_bot.py --verbose poll\n"}
    assert _codes(tmp_path, tree) == []  # as before: the group alone reaches nothing


def test_hostile_cli_module_costs_nothing(tmp_path):
    tree = {"requirements.txt": REQS + "click\n", "cli.py": "@click.group(\ndef cli(:\n",
            "Procfile": "worker: python cli.py poll\n"}
    assert [c for c in _codes(tmp_path, tree) if c.startswith("DPL1")] == []


CONSOLE_CLI = ("import os, click, telebot\n\n@click.group()\ndef main():\n    pass\n\n"
               "@main.command()\n@click.argument('part')\ndef run(part):\n"
               "    if part == 'bot':\n        telebot.TeleBot(os.environ['T']).infinity_polling()\n")


def test_console_script_arguments_decide_branches(tmp_path):
    base = {"pyproject.toml": '[project]\nname="relay"\n[project.scripts]\nrelay = "relay.cli:main"\n',
            "relay/__init__.py": "", "relay/cli.py": CONSOLE_CLI, "requirements.txt": REQS + "click\n"}
    twice = {**base, "Procfile": "worker: relay run bot\nclock: relay run bot\n"}
    assert _codes(tmp_path / "a", twice) == ["DPL101"]
    other = {**base, "Procfile": "worker: relay run api\nclock: relay run bot\n"}
    assert _codes(tmp_path / "b", other) == []


def test_repeated_words_and_hostile_options_do_not_crash(tmp_path):
    tree = {"requirements.txt": REQS + "click\n", "manage_bot.py": CLI,
            "Procfile": "worker: python manage_bot.py poll poll --x= -- --=y ''\n"}
    assert [c for c in _codes(tmp_path, tree) if c.startswith("DPL1")] == []


def test_inline_targets():
    from deploylint.runners.python_inline import _target

    assert _target("from bot import main; main()") == ("bot", "main")
    assert _target("import bot; bot.main()") == ("bot", "main")
    assert _target("import asyncio\nfrom app.run import start\nasyncio.run(start())") == ("app.run", "start")
    assert _target("import bot") == ("bot", "")
    assert _target("print(1)") is None
    assert _target("def (:") is None
    assert _target("x" * 5000) is None
    assert _target("(" * 300 + ")" * 300) is None


def test_reloaders_hostile_words_do_not_crash(tmp_path):
    tree = {"bot.py": POLL, "requirements.txt": REQS,
            "Procfile": "a: watchmedo auto-restart --directory\nb: watchfiles '\"unclosed' .\n"
                        "c: hupper -m\nd: watchfiles --target-type\ne: watchfiles pkg.\nf: watchmedo log\n"}
    assert [c for c in _codes(tmp_path, tree) if c.startswith("DPL1")] == []


def test_sqlalchemy_func_advisory_lock_guards(tmp_path):
    bot = ("import os\nimport sqlalchemy as sa\nimport telebot\n\nengine = sa.create_engine(os.environ['DB'])\n\n\n"
           "def main():\n    with engine.connect() as conn:\n"
           "        if not conn.execute(sa.select(sa.func.pg_try_advisory_lock(7))).scalar():\n            return\n"
           "        telebot.TeleBot(os.environ['T']).infinity_polling()\n\n\nmain()\n")
    tree = {"docker-compose.yml": COMPOSE, "requirements.txt": REQS + "sqlalchemy\n", "bot.py": bot}
    assert "DPL102" not in _codes(tmp_path, tree)


def test_tornado_spawn_callback_runs_the_callable(tmp_path):
    def bot(target: str) -> str:
        return ("import os\nimport telebot\nfrom tornado.ioloop import IOLoop\n\n"
                "bot = telebot.TeleBot(os.environ['T'])\n\n\ndef tick():\n    print('tick')\n\n\n"
                f"IOLoop.current().spawn_callback({target})\nIOLoop.current().start()\n")
    polls = {"docker-compose.yml": COMPOSE, "requirements.txt": REQS + "tornado\n", "bot.py": bot("bot.infinity_polling")}
    assert "DPL102" in _codes(tmp_path / "a", polls)
    ticks = {**polls, "bot.py": bot("tick")}
    assert "DPL102" not in _codes(tmp_path / "b", ticks)


TYPER_CLI = ("import os, typer, telebot\n\napp = typer.Typer()\n\n\n@app.command()\n"
             "def run(part: str, verbose: bool = False):\n"
             "    if part in ('bot', 'all'):\n        telebot.TeleBot(os.environ['T']).infinity_polling()\n\n\n"
             "@app.command()\ndef other():\n    pass\n\n\nif __name__ == '__main__':\n    app()\n")


def test_typer_positional_parameters_bind(tmp_path):
    base = {"requirements.txt": REQS + "typer\n", "cli.py": TYPER_CLI}
    assert _codes(tmp_path / "a", {**base, "Procfile": "w: python cli.py run bot\nc: python cli.py run all --verbose\n"}) \
        == ["DPL101"]
    assert _codes(tmp_path / "b", {**base, "Procfile": "w: python cli.py run api\nc: python cli.py run bot\n"}) == []


def test_bind_click_options_and_arguments():
    import ast

    from deploylint.runners.python_cli import _bind

    node = ast.parse("@cli.command()\n@click.argument('what')\n@click.option('--mode', '-m')\n"
                     "@click.option('--dry', is_flag=True)\ndef run(what, mode, dry):\n    pass\n").body[0]
    assert dict(_bind(node, ["bot", "--mode", "fast", "--dry"])) == {"what": "bot", "mode": "fast", "dry": True}
    assert dict(_bind(node, ["-m=x"])) == {}
    assert dict(_bind(node, ["--mode=slow", "api"])) == {"mode": "slow", "what": "api"}
