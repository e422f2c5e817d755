"""r14py: setup.py/setup.cfg console scripts, runpy, import fallbacks, pool.map, settings
chosen by a conditional expression; hostile shapes never crash or hang."""
from __future__ import annotations

import pytest
from conftest import scan_json, write_tree

from deploylint.runners.setup_scripts import MAX_SCRIPTS, _from_cfg, _from_py

BOT = 'import os, telebot\n\ndef main():\n    telebot.TeleBot(os.environ["T"]).infinity_polling()\n'


def codes(tmp_path, files: dict) -> list[str]:
    write_tree(tmp_path, files)
    return sorted(f["code"] for f in scan_json(tmp_path)["findings"] if f["code"].startswith("DPL1"))


@pytest.mark.parametrize("text, found", [
    ('setup(entry_points={"console_scripts": ["bot=app.cli:main"]})', [("bot", "app.cli:main")]),
    ('import setuptools\nsetuptools.setup(entry_points={"console_scripts": ("bot = app.cli:main [extra]",)})',
     [("bot", "app.cli:main")]),
    ('EP = {"console_scripts": ["a=m:f", "b = n.o:g"]}\nsetup(entry_points=EP)', [("a", "m:f"), ("b", "n.o:g")]),
    ('setup(entry_points="""\n[console_scripts]\nbot = app.cli:main\n[gui_scripts]\ngui = app.gui:main\n""")',
     [("bot", "app.cli:main")]),
    ('if __name__ == "__main__":\n    setup(entry_points={"console_scripts": ["bot=app:main"]})', [("bot", "app:main")]),
    ('setup(entry_points={"console_scripts": [f"bot={x}"]})', []),  # computed: nothing
    ('setup(entry_points=make())', []),
    ('setup(entry_points={"console_scripts": ["no reference here", "x = not valid:"]})', []),
    ("def broken(:\n", []),
    ("x = " + "(" * 3000 + ")" * 3000 + "\nsetup()", []),
])
def test_setup_py_console_scripts(text, found):
    assert _from_py(text) == found


def test_setup_cfg_console_scripts_and_limits():
    text = "[metadata]\nname = x\n[options.entry_points]\ngui_scripts =\n    g = a:b\nconsole_scripts =\n    bot = app.cli:main\n" \
           "    # a comment\n    other = app.other:run\n[options]\nzip_safe = false\n"
    assert _from_cfg(text) == [("bot", "app.cli:main"), ("other", "app.other:run")]
    many = "[options.entry_points]\nconsole_scripts =\n" + "".join(f"    s{i} = m:f\n" for i in range(500))
    assert len(_from_cfg(many)) == MAX_SCRIPTS
    assert _from_cfg("[options.entry_points\nconsole_scripts = " + "x" * 100000) == []


def test_setup_py_script_started_twice(tmp_path):
    files = {"setup.py": 'from setuptools import setup\nsetup(entry_points={"console_scripts": ["run-bot=app.cli:main"]})\n',
             "app/__init__.py": "", "app/cli.py": BOT, "Procfile": "worker: run-bot\nclock: run-bot\n"}
    assert codes(tmp_path, files) == ["DPL101"]


def test_pyproject_wins_over_setup_py(tmp_path):
    files = {"pyproject.toml": '[project.scripts]\nrun-bot = "app.quiet:main"\n',
             "setup.py": 'from setuptools import setup\nsetup(entry_points={"console_scripts": ["run-bot=app.cli:main"]})\n',
             "app/__init__.py": "", "app/cli.py": BOT, "app/quiet.py": "def main():\n    pass\n",
             "Procfile": "worker: run-bot\nclock: run-bot\n"}
    assert codes(tmp_path, files) == []


@pytest.mark.parametrize("call, found", [
    ('runpy.run_module("poller", run_name="__main__")', ["DPL101"]),
    ('runpy.run_module("poller")', []),  # module code only: the __main__ block does not run
    ('runpy.run_path("poller.py", run_name="__main__")', ["DPL101"]),
    ('runpy.run_path(os.path.join(os.path.dirname(__file__), "poller.py"), run_name="__main__")', ["DPL101"]),
    ('runpy.run_module("poller" if os.environ.get("X") else "other", run_name="__main__")', ["DPL101"]),
    ('runpy.run_path("/etc/passwd", run_name="__main__")', []),
    ('runpy.run_path("../../outside.py", run_name="__main__")', []),
    ('runpy.run_module(NAME, run_name="__main__")', []),
    ('runpy.run_module("start", run_name="__main__")', []),  # itself: not walked again
])
def test_runpy_targets(tmp_path, call, found):
    poller = "import telebot\n\nif __name__ == '__main__':\n    telebot.TeleBot('x').infinity_polling()\n"
    files = {"start.py": f"import os\nimport runpy\n{call}\n", "poller.py": poller, "other.py": "",
             "Procfile": "worker: python start.py\nbot: python poller.py\n"}
    assert codes(tmp_path, files) == found


def test_import_fallback_binds_both_modules(tmp_path):
    files = {"main.py": "try:\n    from fast import bot\nexcept ImportError:\n    from slow import bot\n"
                        "bot.infinity_polling()\n",
             "slow.py": "import telebot\nbot = telebot.TeleBot('x')\n",
             "Procfile": "worker: python main.py\nbot: python main.py\n"}
    assert codes(tmp_path, files) == ["DPL101"]


def test_package_getattr_without_return_is_harmless(tmp_path):
    files = {"pkg/__init__.py": "def __getattr__(name):\n    raise AttributeError(name)\n",
             "run.py": "from pkg import client\nclient.start()\nclient.run_until_disconnected()\n",
             "Procfile": "worker: python run.py\nbot: python run.py\n"}
    assert codes(tmp_path, files) == []


def test_builtin_map_is_not_a_pool(tmp_path):
    files = {"run.py": "import telebot\n\ndef run(t):\n    telebot.TeleBot(t).infinity_polling()\n\n"
                       "results = map(run, ['a'])\n",
             "Procfile": "worker: python run.py\nbot: python run.py\n"}
    assert codes(tmp_path, files) == []


def test_settings_choice_both_arms_agree(tmp_path):
    config = ("import os\nclass A:\n    HOOK = True\nclass B:\n    HOOK = True\n"
              "settings = A() if os.environ.get('UNSET_NAME') else B()\n")
    main = ("import telebot\nfrom config import settings\nbot = telebot.TeleBot('x')\n"
            "if settings.HOOK:\n    bot.set_webhook('https://x.example')\nelse:\n    bot.infinity_polling()\n")
    files = {"config.py": config, "main.py": main,
             "docker-compose.yml": "services:\n  a:\n    build: .\n    command: python main.py\n    environment:\n      MODE: x\n"
                                   "    deploy:\n      replicas: 2\n",
             "Dockerfile": "FROM python:3.12\nCOPY . .\n"}
    assert codes(tmp_path, files) == []
    files["config.py"] = config.replace("HOOK = True\nsettings", "HOOK = False\nsettings")  # the arms disagree
    assert codes(tmp_path, files) == ["DPL102", "DPL108"]


def test_settings_choice_returned_by_a_loader(tmp_path):
    config = ("import os\nclass Dev:\n    HOOK = False\nclass Prod:\n    HOOK = True\n"
              "def get_config():\n    return Prod() if os.getenv('MODE') == 'production' else Dev()\n")
    main = ("import telebot\nfrom config import get_config\nsettings = get_config()\nbot = telebot.TeleBot('x')\n"
            "if settings.HOOK:\n    bot.set_webhook('https://x.example')\nelse:\n    bot.infinity_polling()\n")
    compose = ("services:\n  a:\n    build: .\n    command: python main.py\n    environment:\n      MODE: {mode}\n"
               "    deploy:\n      replicas: 2\n")
    files = {"config.py": config, "main.py": main, "Dockerfile": "FROM python:3.12\nCOPY . .\n",
             "docker-compose.yml": compose.format(mode="production")}
    assert codes(tmp_path, files) == []
    files["docker-compose.yml"] = compose.format(mode="development")
    assert codes(tmp_path, files) == ["DPL102"]


@pytest.mark.parametrize("loader, found", [
    ('spec = u.spec_from_file_location("p", "poller.py")\nmod = u.module_from_spec(spec)\nspec.loader.exec_module(mod)\n',
     ["DPL101"]),
    ('spec = u.spec_from_file_location("p", "lib.py")\nmod = u.module_from_spec(spec)\nspec.loader.exec_module(mod)\n'
     'mod.run()\n', ["DPL101"]),
    ('spec = u.spec_from_file_location("p", "../outside.py")\nmod = u.module_from_spec(spec)\nspec.loader.exec_module(mod)\n',
     []),
    ('spec = u.spec_from_file_location("p")\nmod = u.module_from_spec(spec)\nspec.loader.exec_module(mod)\n', []),
    ('mod = u.module_from_spec(make_spec())\nspec.loader.exec_module(mod)\nmod.run()\n', []),
    ('spec.loader.exec_module()\nexec_module(1)\nmod = u.module_from_spec(mod)\nmod.run()\n', []),
])
def test_module_loaded_by_path(tmp_path, loader, found):
    files = {"start.py": "import importlib.util as u\n" + loader,
             "poller.py": "import telebot\ntelebot.TeleBot('x').infinity_polling()\n",
             "lib.py": "import telebot\n\ndef run():\n    telebot.TeleBot('x').infinity_polling()\n",
             "run_lib.py": "import lib\nlib.run()\n",
             "Procfile": "worker: python start.py\nbot: python poller.py\n"}
    if "lib.py" in loader:
        files["Procfile"] = "worker: python start.py\nbot: python run_lib.py\n"
    assert codes(tmp_path, files) == found


@pytest.mark.parametrize("mode, found", [("dev", ["DPL104"]), ("prod", []), (None, ["DPL104"])])
def test_lifespan_chosen_by_environment(tmp_path, mode, found):
    app = ("import asyncio, os\nfrom fastapi import FastAPI\nfrom aiogram import Bot, Dispatcher\n"
           "bot = Bot('1:a')\ndp = Dispatcher()\n"
           "async def hook(app):\n    await bot.set_webhook('https://x.example')\n    yield\n"
           "async def poll(app):\n    asyncio.create_task(dp.start_polling(bot))\n    yield\n"
           "app = FastAPI(lifespan=hook if os.getenv('MODE') == 'prod' else poll)\n")
    env = f"    environment:\n      MODE: {mode}\n" if mode else ""
    files = {"main.py": app, "Dockerfile": "FROM python:3.12\nCOPY . .\n",
             "docker-compose.yml": f"services:\n  api:\n    build: .\n    command: uvicorn main:app --workers 2\n{env}"}
    assert codes(tmp_path, files) == found


@pytest.mark.parametrize("env, found", [("production", []), ("development", ["DPL102"]), ("", ["DPL102", "DPL108"]),
                                        ("staging", ["DPL102", "DPL108"])])
def test_settings_taken_from_a_table(tmp_path, env, found):
    config = ("import os\nclass Dev:\n    WEBHOOK = False\nclass Prod:\n    WEBHOOK = True\n"
              "CONFIGS = {'development': Dev, 'production': Prod}\n"
              "config = CONFIGS[os.getenv('APP_ENV', 'development')]\n")
    main = ("import telebot\nfrom config import config\nbot = telebot.TeleBot('x')\n"
            "if config.WEBHOOK:\n    bot.set_webhook('https://x.example')\nelse:\n    bot.infinity_polling()\n")
    value = f"      APP_ENV: {env}\n" if env else "      OTHER: x\n"
    files = {"config.py": config, "main.py": main, "Dockerfile": "FROM python:3.12\nCOPY . .\n",
             "docker-compose.yml": "services:\n  a:\n    build: .\n    command: python main.py\n    environment:\n"
                                   f"{value}    deploy:\n      replicas: 2\n"}
    assert codes(tmp_path, files) == found
