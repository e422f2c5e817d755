"""Hostile input against the round 16 Python readers: dependency-injector containers
(python_di: `Provide[...]` wiring, providers, `Container.x()`), start-up decorators applied
as calls (`app.on_event("startup")(f)`) and pipenv's Pipfile `[scripts]`
(runners/pipfile_scripts). Each input ends in a report through the real CLI within 2 s of
CPU and a memory limit, with the finding the contract gives, never an internal error."""
from __future__ import annotations

import os

import pytest

from test_hostile import limited_report, write

MEMORY = 2 * 2 ** 30
CPU = 2.0
REQS = {"requirements.txt": "pyrogram==2.0.106\ndependency-injector==4.42.0\n"}
TWICE = {"Procfile": "worker: python run.py\nbot: python run.py\n", **REQS}
CONTAINER = ("from dependency_injector import containers, providers\nfrom pyrogram import Client\n"
             "class Container(containers.DeclarativeContainer):\n"
             "    session = providers.Singleton(Client, name='reader', api_id=1, api_hash='h')\n")
RUN = ("import asyncio\nfrom dependency_injector.wiring import Provide, Closing, inject\n"
       "from containers import Container\n")
WIRED = RUN + "@inject\nasync def main(session=Provide[Container.session]):\n    await session.start()\n" \
              "asyncio.run(main())\n"
PIPFILE = "[packages]\npytelegrambotapi = '*'\n\n[scripts]\n"
BOT = "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"
PIPENV_TWICE = {"Procfile": "worker: pipenv run start\nweb: pipenv run start\n", "bot.py": BOT}


def scan(root) -> tuple[dict, float]:
    return limited_report(root, memory=MEMORY, env={"SOURCE_DATE_EPOCH": os.environ.get("R16_EPOCH", "1796000000")})


CASES = {
    "di-wired": ({**TWICE, "containers.py": CONTAINER, "run.py": WIRED}, {("DPL101", "Procfile", 2)}),
    "di-closing-provide": ({**TWICE, "containers.py": CONTAINER, "run.py": WIRED.replace(
        "Provide[Container.session]", "Closing[Provide[Container.session.provider]]")}, {("DPL101", "Procfile", 2)}),
    # odd wiring: a name, a call, a string, nested subscripts, an empty provider
    "di-odd-provide": ({**TWICE, "containers.py": CONTAINER + "    empty = providers.Singleton()\n"
                        "    loop = providers.Factory(Container)\n    me = providers.Singleton(session)\n",
                        "run.py": RUN + "@inject\nasync def main(a=Provide[Container], b=Provide['session'], "
                        "c=Provide[Container.empty], d=Provide[Provide[Provide]], e=Closing[Closing[Closing[x]]], "
                        "f=Provide[Container.loop], g=Provide[Container.me], *, h=Provide[Container.nothing]):\n"
                        "    await a.start(); await b.start(); await c.start(); await d.start()\n"
                        "    await f.start(); await g.start(); await h.start()\nasyncio.run(main())\n"}, set()),
    # a container whose provider names the container itself, and containers calling each other
    "di-provider-cycle": ({**TWICE, "containers.py": "from dependency_injector import containers, providers\n"
                           "class A(containers.DeclarativeContainer):\n    b = providers.Singleton(lambda: B.a())\n"
                           "class B(containers.DeclarativeContainer):\n    a = providers.Factory(A)\n"
                           "    c = providers.Singleton(B)\n",
                           "run.py": "from containers import A, B\nx = A.b()\ny = B.a()\nz = B.c()\n"
                           "x.run(); y.b().run(); z.c().a().run()\n"}, set()),
    "di-10000-providers": ({**TWICE, "containers.py": CONTAINER + "".join(
        f"    p{i} = providers.Factory(Client, name='s{i}')\n" for i in range(10_000)), "run.py": WIRED},
        {("DPL101", "Procfile", 2)}),
    "di-5000-parameters": ({**TWICE, "containers.py": CONTAINER, "run.py": RUN + "@inject\nasync def main(" + "".join(
        f"p{i}=Provide[Container.session], " for i in range(5000)) + "session=Provide[Container.session]):\n"
        "    await session.start()\nasyncio.run(main())\n"}, {("DPL101", "Procfile", 2)}),
    # decorators applied as calls
    "hook-call-odd": ({"Procfile": "web: gunicorn app:app -k uvicorn.workers.UvicornWorker -w 3\n",
                       "requirements.txt": "fastapi\naiogram\n",
                       "app.py": "from fastapi import FastAPI\napp = FastAPI()\n"
                       "app.on_event()(start)\napp.on_event('startup')()\napp.on_event('startup')(1)\n"
                       "app.on_event('startup')(app.on_event('startup'))\non_event('startup')(start)\n"
                       "app.on_event('startup')(*hooks)\n(lambda f: f)(start)\napp.before_serving(app)\n"}, set()),
    # loops over the clients a manager holds
    "loop-over-itself": ({**TWICE, "run.py": "from pyrogram import Client\na = Client('a')\nfor a in [a, [a]]:\n"
                          "    a.start()\nfor b in b:\n    b.start()\nfor c in [d]:\n    for d in [c]:\n        d.start()\n"},
                         {("DPL101", "Procfile", 2)}),
    "loop-5000-loops": ({**TWICE, "run.py": "from pyrogram import Client\na = Client('a')\n" + "".join(
        f"def f{i}():\n    for c in [a, x{i}, y.z, w()]:\n        c.start()\n" for i in range(5000)) + "f1()\n"},
        {("DPL101", "Procfile", 2)}),
    "loop-10000-entries": ({**TWICE, "run.py": "from pyrogram import Client\nclients = [" + "Client('s'), " * 10_000
                            + "]\nfor c in clients:\n    c.start()\n"}, {("DPL101", "Procfile", 2)}),
    # Pipfile scripts
    "pipfile-script-calls-itself": ({**PIPENV_TWICE, "Pipfile": PIPFILE + "start = 'pipenv run start'\n"}, set()),
    "pipfile-scripts-chain": ({**PIPENV_TWICE, "Pipfile": PIPFILE + "start = 'pipenv run s0'\n" + "".join(
        f"s{i} = 'pipenv run s{i + 1}'\n" for i in range(300)) + "s300 = 'python bot.py'\n"}, set()),
    "pipfile-broken-toml": ({**PIPENV_TWICE, "Pipfile": PIPFILE + "start = 'python bot.py\n[[[\n"}, set()),
    "pipfile-not-a-string": ({**PIPENV_TWICE, "Pipfile": PIPFILE + "start = {call = 'bot:main'}\n"}, set()),
    "pipfile-huge-script": ({**PIPENV_TWICE, "Pipfile": PIPFILE + "start = 'python bot.py " + "x " * 500_000 + "'\n"},
                            {("DPL101", "Procfile", 2)}),
    "pipfile-script": ({**PIPENV_TWICE, "Pipfile": PIPFILE + "start = \"python bot.py\"\n"}, {("DPL101", "Procfile", 2)}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_round16_python_readers_hostile(tmp_path, name):
    files, expected = CASES[name]
    data, cpu = scan(write(tmp_path, files))
    found = {(f["code"], f["path"], f["line"]) for f in data["findings"]}
    assert expected <= found, sorted(found)
    if not expected:
        assert not {f for f in found if f[0] in ("DPL101", "DPL102", "DPL104")}, sorted(found)
    assert cpu < CPU, cpu
