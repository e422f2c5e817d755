"""Round 16 (Node): a bot kept in a field of an object, called from outside it (js_fields):
constructor parameters and assignments, class field initialisers, getters over private
fields, static class fields, object literal members, array elements in a loop, factories
invoked in place; and the inputs that must not lead anywhere (or hang)."""
from __future__ import annotations

import time

import pytest

from conftest import write_tree
from deploylint.code.javascript import _scan
from deploylint.discover import discover

DISCORD = "const { Client } = require('discord.js');\n"
GRAMMY = "const { Bot } = require('grammy');\n"


def kinds(tmp_path, files: dict, entry: str = "index.js") -> list[str]:
    repo = discover(write_tree(tmp_path, files))
    return sorted(e.kind for e in _scan(repo, entry)[0])


@pytest.mark.parametrize("source, expected", [
    # the constructor keeps its argument; the caller passes a client (or a non-bot)
    (DISCORD + "class H { constructor(c) { this.c = c; } }\nconst h = new H(new Client({}));\nh.c.login(process.env.T);\n", ["gateway"]),
    (DISCORD + "class H { constructor(a, c) { this.c = c; } }\nconst h = new H(1);\nh.c.login(process.env.T);\n", []),
    (DISCORD + "class H { constructor(...c) { this.c = c; } }\nconst h = new H(new Client({}));\nh.c.login(process.env.T);\n", []),
    (DISCORD + "class H { constructor(c) { this.c = c; } }\nconst h = new H(...[new Client({})]);\nh.c.login(process.env.T);\n", []),
    (DISCORD + "class Api { login() {} }\nclass H { constructor() { this.c = new Api(); } }\nconst h = new H();\nh.c.login(process.env.T);\n", []),
    # the class makes it: constructor assignment, field initialiser, getter over a private field
    (DISCORD + "class H { constructor() { this.c = new Client({}); } }\nconst h = new H();\nh.c.login(process.env.T);\n", ["gateway"]),
    (DISCORD + "class H { c = new Client({}); }\nconst h = new H();\nh.c.login(process.env.T);\n", ["gateway"]),
    (DISCORD + "class H { #c = new Client({}); get c() { return this.#c; } }\nconst h = new H();\nh.c.login(process.env.T);\n", ["gateway"]),
    # getters that point at each other stay bounded
    (DISCORD + "class H { get a() { return this.b; } get b() { return this.a; } }\nconst h = new H();\nh.a.login(process.env.T);\n", []),
    # static field, object literal, nested chain
    (GRAMMY + "class R { static tg = new Bot(process.env.T); }\nR.tg.start();\n", ["polling"]),
    (GRAMMY + "const o = { tg: new Bot(process.env.T) };\no.tg.start();\n", ["polling"]),
    (GRAMMY + "const o = { inner: { tg: new Bot(process.env.T) } };\no.inner.tg.start();\n", ["polling"]),
    (GRAMMY + "const o = { tg: new Bot(process.env.T) };\no.tg.api.sendMessage(1, 'x');\n", []),
    # arrays in loops: for-of and forEach; for-in walks keys; mixed libraries are not one bot kind
    (GRAMMY + "const a = [new Bot(process.env.A), new Bot(process.env.B)];\nfor (const x of a) x.start();\n", ["polling"]),
    (GRAMMY + "const a = [new Bot(process.env.A)];\na.forEach((x) => x.start());\n", ["polling"]),
    (GRAMMY + "const a = [new Bot(process.env.A)];\nawait Promise.all(a.map(async (x) => { await x.start(); }));\n", ["polling"]),
    (GRAMMY + "const a = [new Bot(process.env.A)];\na.filter((x) => x.start());\n", []),
    (GRAMMY + "const a = [new Bot(process.env.A)];\nfor (const x in a) x.start();\n", []),
    (GRAMMY + DISCORD.replace("const", "const") + "const a = [new Bot(process.env.A), new Map()];\nfor (const x of a) x.start();\n", []),
    # an immediately invoked factory: every return makes a client of one library
    (DISCORD + "const c = (() => { if (process.env.X) return new Client({a: 1}); return new Client({}); })();\n"
               "class H { constructor(c) { this.c = c; } }\nconst h = new H(c);\nh.c.login(process.env.T);\n", ["gateway"]),
    (DISCORD + "const c = (() => { if (process.env.X) return new Client({}); return; })();\n"
               "class H { constructor(c) { this.c = c; } }\nconst h = new H(c);\nh.c.login(process.env.T);\n", []),
])
def test_held_in_a_field(tmp_path, source, expected):
    files = {"index.js": source, "package.json": '{"dependencies": {"discord.js": "14", "grammy": "1"}}'}
    assert kinds(tmp_path, files) == expected


def test_constructor_argument_resolved_where_the_call_is(tmp_path):
    files = {
        "holder.js": "class Holder {\n  constructor(client) { this.client = client; }\n}\nmodule.exports = { Holder };\n",
        "index.js": DISCORD + "const { Holder } = require('./holder');\nconst client = new Client({});\n"
                              "const holder = new Holder(client);\nholder.client.login(process.env.T);\n",
    }
    assert kinds(tmp_path, files) == ["gateway"]


def test_typescript_parameter_property(tmp_path):
    files = {"index.ts": "import { Bot } from 'grammy';\nclass App {\n  constructor(private readonly x: number, public bot: Bot) {}\n}\n"
                         "const app = new App(1, new Bot(process.env.T!));\napp.bot.start();\n"}
    assert kinds(tmp_path, files, "index.ts") == ["polling"]


def test_selfbot_client(tmp_path):
    files = {"index.js": "const { Client } = require('discord.js-selfbot-v13');\nconst c = new Client();\nc.login(process.env.T);\n"}
    repo = discover(write_tree(tmp_path, files))
    (evidence,) = _scan(repo, "index.js")[0]
    assert evidence.kind == "gateway" and evidence.family == "discord"
    assert evidence.singleton == "Discord gateway (discord.js-selfbot-v13)"


def test_large_arrays_and_returns_stay_bounded(tmp_path):
    elements = ", ".join(f"new Bot(process.env.T{i})" for i in range(3000))
    branches = "\n".join(f"  if (process.env.X === '{i}') return new Bot(process.env.T);" for i in range(3000))
    files = {"index.js": GRAMMY + f"const a = [{elements}];\nfor (const x of a) x.start();\n"
                                  f"const b = (() => {{\n{branches}\n  return new Bot('');\n}})();\n"
                                  "class H { constructor(b) { this.b = b; } }\nnew H(b);\nconst h = new H(b);\nh.b.start();\n"}
    started = time.monotonic()
    found = kinds(tmp_path, files)
    assert time.monotonic() - started < 30
    assert found == ["polling"]  # the array's first elements are read; the 3,000-branch factory is past the bound
