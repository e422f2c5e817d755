"""A project's own Flask CLI commands as start commands (runners/flask_cli.py)."""
from __future__ import annotations

import pytest

from conftest import scan_json, write_tree

POLL = "    import telebot\n    telebot.TeleBot('1:A').infinity_polling()\n"
APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n"


def codes(tmp_path, files: dict) -> list[tuple[str, str, int]]:
    write_tree(tmp_path, files)
    return [(f["code"], f["path"], f["line"]) for f in scan_json(tmp_path)["findings"]]


@pytest.mark.parametrize("command", [
    "flask --app app run-bot",
    "flask -A app --debug run-bot",
    "python -m flask --app app:app run-bot",
    "flask --env-file .flaskenv --app app.py run-bot",
])
def test_command_forms_reach_the_command(tmp_path, command):
    files = {"app.py": APP + "@app.cli.command('run-bot')\ndef run_bot():\n" + POLL,
             "Procfile": f"worker: {command}\nclock: {command}\n"}
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 2)]


def test_command_named_after_its_function(tmp_path):
    files = {"app.py": APP + "@app.cli.command()\ndef run_bot():\n" + POLL,
             "Procfile": "worker: flask run-bot\nclock: flask run-bot\n"}  # app.py found by Flask's default
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 2)]


def test_nested_group(tmp_path):
    files = {"app.py": APP + "@app.cli.group()\ndef bot():\n    pass\n\n\n@bot.command('poll')\ndef poll():\n" + POLL,
             "Procfile": "worker: flask --app app bot poll\nclock: flask --app app bot poll\n"}
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 2)]


@pytest.mark.parametrize("body, expected", [
    ("    while True:\n        time.sleep(5)\n", [("DPL103", "Procfile", 1)]),  # never returns: the bot runs beside it
    ("    print('seeded')\n", [("DPL110", "Procfile", 1)]),  # returns at once: the dyno ends, and the bot with it
])
def test_long_running_or_one_shot(tmp_path, body, expected):
    files = {"app.py": "import time\n" + APP + "@app.cli.command('job')\ndef job():\n" + body,
             "bot.py": "import telebot\ntelebot.TeleBot('1:A').infinity_polling()\n",
             "Procfile": "worker: python bot.py & flask --app app job\n"}
    assert codes(tmp_path, files) == expected


@pytest.mark.parametrize("command", ["flask --app app rq worker", "flask --app app db upgrade", "flask --app app missing",
                                     "flask --app app", "flask --app app --help"])
def test_commands_the_project_does_not_define_stay_short(tmp_path, command):
    files = {"app.py": APP + "@app.cli.command('run-bot')\ndef run_bot():\n" + POLL,
             "Procfile": f"worker: {command}\nclock: {command}\n"}
    assert codes(tmp_path, files) == []


def test_broken_app_module_costs_its_own_finding(tmp_path):
    files = {"app.py": APP + "@app.cli.command('run-bot'\ndef run_bot(:\n", "Procfile": "worker: flask --app app run-bot\n"}
    assert [c for c, _, _ in codes(tmp_path, files)] == ["DPL001"]


def test_app_group_instance_added_to_the_app(tmp_path):
    """`jobs = AppGroup("scheduler")`, `jobs.add_command(start)`, `app.cli.add_command(jobs)`."""
    files = {"app.py": APP + "from jobs import group\n\napp.cli.add_command(group)\n",
             "jobs.py": "import click\nfrom flask.cli import AppGroup\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\n"
                        "\n@click.command('start')\ndef start():\n    s = BlockingScheduler()\n    s.add_job(print, 'interval', minutes=1)\n"
                        "    s.start()\n\n\ngroup = AppGroup('scheduler')\ngroup.add_command(start)\n",
             "Procfile": "clock: flask --app app scheduler start\nclock2: flask --app app scheduler start\n"}
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 2)]


def test_click_group_added_in_the_factory(tmp_path):
    files = {"app.py": "from flask import Flask\nimport click\n\n\n@click.group()\ndef bots():\n    pass\n\n\n"
                       "@bots.command('run')\ndef run():\n" + POLL + "\n\ndef create_app():\n    app = Flask(__name__)\n"
                       "    app.cli.add_command(bots)\n    return app\n",
             "Procfile": "web: gunicorn 'app:create_app()'\nworker: flask --app app:create_app bots run\n"
                         "clock: flask --app app:create_app bots run\n"}
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 3)]


def test_manage_py_with_a_flask_group(tmp_path):
    """`python manage.py scheduler` where manage.py runs `FlaskGroup(create_app)`."""
    files = {"manage.py": "from flask.cli import FlaskGroup\nfrom app import app\n\n\n@app.cli.command('run-bot')\ndef run_bot():\n"
                          + POLL + "\n\ncli = FlaskGroup(app)\n\nif __name__ == '__main__':\n    cli()\n",
             "app.py": APP,
             "Procfile": "worker: python manage.py run-bot\nclock: python manage.py run-bot\n"}
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 2)]


def test_app_module_import_runs_beside_a_command_elsewhere(tmp_path):
    """The app module is imported by the CLI: a scheduler it starts at import runs in the
    command's process too (here beside gunicorn's 2 workers)."""
    files = {"app.py": APP + "from apscheduler.schedulers.background import BackgroundScheduler\n\n"
                       "s = BackgroundScheduler()\ns.add_job(print, 'interval', minutes=1)\ns.start()\n\n"
                       "from jobs import bp\napp.register_blueprint(bp)\n",
             "jobs.py": "from flask import Blueprint\n\nbp = Blueprint('jobs', __name__)\n\n\n@bp.cli.command('sync')\n"
                        "def sync():\n    import time\n    while True:\n        time.sleep(9)\n",
             "Procfile": "worker: flask --app app sync\n"}
    assert codes(tmp_path, files) == []  # one process imports the app once: one scheduler
    files["Procfile"] = "worker: flask --app app sync\nclock: flask --app app sync\n"
    assert [c for c, _, _ in codes(tmp_path, files)] == ["DPL101"]


def test_add_command_in_the_factory_of_a_large_module(tmp_path):
    """A module past the lazy-parse size: the factory's block that says `add_command` is read,
    the other blocks stay unparsed (python_lazy)."""
    filler = "".join(f"\n\n@app_routes.route('/r{i}')\ndef route_{i}():\n    return 'x' * {i}\n" for i in range(80))
    files = {"app.py": "from flask import Flask, Blueprint\nimport click\n\napp_routes = Blueprint('r', __name__)\n"
                       + filler + "\n\n@click.command('run-bot')\ndef run_bot():\n" + POLL
                       + "\n\ndef create_app():\n    app = Flask(__name__)\n    app.register_blueprint(app_routes)\n"
                       "    app.cli.add_command(run_bot)\n    return app\n",
             "Procfile": "worker: flask --app app:create_app run-bot\nclock: flask --app app:create_app run-bot\n"}
    assert len(files["app.py"]) > 2000
    assert codes(tmp_path, files) == [("DPL101", "Procfile", 2)]
