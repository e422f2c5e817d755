"""Round 13 (Node): the bot a call hands out (js_instances): a module's export through
`require('./bot')`, a static getter's static field, a DI container's class; Eris/Oceanic.js."""
from __future__ import annotations

import textwrap

import pytest

from conftest import write_tree
from deploylint.code import js_bots
from deploylint.code.javascript import scan
from deploylint.model import Location, Process
from deploylint.code.js_module import descendants
from deploylint.code.js_reach import Program
from deploylint.discover import discover

BOT = "const { Telegraf } = require('telegraf');\nmodule.exports = new Telegraf(process.env.BOT_TOKEN);\n"


def _hits(tmp_path, files: dict[str, str], entry: str = "index.js") -> list[tuple[str, str]]:
    repo = discover(write_tree(tmp_path, {n: textwrap.dedent(t) for n, t in files.items()}))
    program = Program(repo, entry)
    module = program.module(entry)
    found = []
    for node in descendants(module.root):
        if node.type in ("call_expression", "new_expression"):
            found += [(h.kind, h.singleton) for h in js_bots.detect(program, module, node)]
    return found


@pytest.mark.parametrize("entry, expected", [
    ("require('./bot').launch();\n", [("polling", "Telegram polling (Telegraf)")]),
    ("(async () => { await require('./bot').launch({ webhook: { domain: 'x.example' } }); })();\n",
     [("webhook", "Telegram webhook (Telegraf)")]),
    ("require('./db').connect();\n", []),  # a pg Pool exported whole is no bot
    ("require('./missing').launch();\n", []),
])
def test_require_call_hands_out_the_module_export(tmp_path, entry, expected):
    files = {"index.js": entry, "bot.js": BOT,
             "db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool();\n"}
    assert _hits(tmp_path, files) == expected


GETTER = """
import { Bot } from 'grammy';
export class BotHolder {
    private static bot: Bot;
    private static other = new Map();
    static get(): Bot {
        if (!BotHolder.bot) {
            BotHolder.bot = new Bot(process.env.BOT_TOKEN!);
        }
        return BotHolder.bot;
    }
    static field(): Bot { return this.ready; }
    private static ready = new Bot(process.env.BOT_TOKEN!);
    static map() { return this.other; }
    private static lazy?: Bot;
    static lazily(): Bot { return this.lazy ??= new Bot(process.env.BOT_TOKEN!); }
    notStatic(): Bot { return new Bot('x'); }
}
"""


@pytest.mark.parametrize("call, expected", [
    ("BotHolder.get().start();", [("polling", "Telegram polling (grammY)")]),
    ("BotHolder.field().start();", [("polling", "Telegram polling (grammY)")]),  # `static ready = new Bot()`
    ("BotHolder.lazily().start();", [("polling", "Telegram polling (grammY)")]),  # `return this.lazy ??= new Bot()`
    ("BotHolder.map().start();", []),  # a static field that holds no bot
    ("BotHolder.notStatic().start();", []),  # only static methods are getters
    ("BotHolder.absent().start();", []),
])
def test_static_getter_hands_out_its_static_field(tmp_path, call, expected):
    files = {"src/holder.ts": GETTER, "src/index.ts": f"import {{ BotHolder }} from './holder';\n{call}\n"}
    assert _hits(tmp_path, files, "src/index.ts") == expected


@pytest.mark.parametrize("bot_class, expected", [
    ("export class Bot extends Client { constructor() { super({ intents: [] }); } }",
     [("gateway", "Discord gateway (discord.js)")]),
    # the class's own login(): the walk follows it (super.login is found there), not reported here
    ("export class Bot extends Client { login(t) { return super.login(t); } }", []),
    ("export class Bot { login() {} }", []),  # a repository class that is no bot
])
def test_container_resolve_of_a_library_subclass(tmp_path, bot_class, expected):
    files = {"src/bot.ts": "import { Client } from 'discord.js';\n" + bot_class + "\n",
             "src/index.ts": "import { container } from 'tsyringe';\nimport { Bot } from './bot';\n"
                             "container.resolve(Bot).login(process.env.DISCORD_TOKEN);\n"}
    assert _hits(tmp_path, files, "src/index.ts") == expected


@pytest.mark.parametrize("source, expected", [
    ("const Eris = require('eris');\nconst bot = new Eris(process.env.T);\nbot.connect();\n",
     [("gateway", "Discord gateway (Eris)")]),
    ("const Eris = require('eris');\nconst bot = Eris(process.env.T);\nbot.connect();\n",
     [("gateway", "Discord gateway (Eris)")]),
    ("const { CommandClient } = require('eris');\nconst bot = new CommandClient(process.env.T, {}, {});\nbot.connect();\n",
     [("gateway", "Discord gateway (Eris)")]),
    ("import { Client } from 'oceanic.js';\nconst c = new Client({ auth: 'Bot ' + process.env.T });\nawait c.connect();\n",
     [("gateway", "Discord gateway (Oceanic.js)")]),
    # `connect` on anything that is not a known client is no gateway
    ("const Eris = require('eris');\nconst mongoose = require('mongoose');\nmongoose.connect(process.env.URL);\n", []),
    ("const Eris = require('eris');\nconst client = require('./client');\nclient.connect();\n", []),
])
def test_eris_and_oceanic_connect(tmp_path, source, expected):
    files = {"index.js": source, "client.js": "module.exports = { connect() {} };\n"}
    assert _hits(tmp_path, files) == expected


def test_getter_with_many_members_stays_bounded(tmp_path):
    members = "\n".join(f"    static m{i}() {{ return this.f{i}; }}" for i in range(400))
    files = {"src/big.ts": f"import {{ Bot }} from 'grammy';\nexport class Big {{\n{members}\n}}\n",
             "src/index.ts": "import { Big } from './big';\nBig.m399().start();\nBig.m1().start();\n"}
    assert _hits(tmp_path, files, "src/index.ts") == []


THEN_BOT = ("import { Bot } from 'grammy';\nconst bot = new Bot(process.env.T);\n"
            "export function startBot() { bot.start(); }\nexport function other() {}\n")


@pytest.mark.parametrize("entry, expected", [
    ("import('./bot.js').then(({ startBot }) => startBot());", [("polling", "Telegram polling (grammY)")]),
    ("import('./bot.js').then(({ startBot: go }) => go());", [("polling", "Telegram polling (grammY)")]),
    ("import('./bot.js').then((m) => m.startBot());", [("polling", "Telegram polling (grammY)")]),
    ("import('./bot.js').then(function (mod) { mod.startBot(); });", [("polling", "Telegram polling (grammY)")]),
    ("import('./x.js').then(() => import('./bot.js')).then(({ startBot }) => startBot());",
     [("polling", "Telegram polling (grammY)")]),
    ("import('./bot.js').then(({ other }) => other());", []),
    # a parameter of a callback that is not the import's: nothing is known about it
    ("fetch('/x').then(({ startBot }) => startBot());\nimport('./bot.js');", []),
    ("Promise.resolve(1).then((m) => m.startBot());\nimport('./bot.js');", []),
])
def test_then_callback_of_a_dynamic_import(tmp_path, entry, expected):
    repo = discover(write_tree(tmp_path, {"index.mjs": entry + "\n", "bot.js": THEN_BOT, "x.js": "export const x = 1;\n"}))
    process = Process(argv=("node", "index.mjs"), location=Location("Procfile", 1, 1), kind="node", entry="index.mjs",
                      language="javascript")
    assert sorted({(e.kind, e.singleton) for e in scan(repo, process)}) == expected
