"""Round 15 (Node): an entry that ends its own process with `process.exit()` is a one-shot
(js_exit); class fields assigned a client made without `new`; @twurple/easy-bot."""
from __future__ import annotations

import pytest

from conftest import write_tree
from deploylint.code import js_exit
from deploylint.code.javascript import _scan
from deploylint.code.js_reach import Program
from deploylint.discover import discover

CLIENT = "const { Client } = require('discord.js');\nconst client = new Client({});\nclient.login(process.env.T);\nmodule.exports = { client };\n"


@pytest.mark.parametrize("entry, exits", [
    ("require('./client');\n(async () => { try { await x(); } finally { process.exit(); } })();\n", True),
    ("require('./client');\n;(async function () { await x(); process.exit(0); })();\n", True),
    ("require('./client');\nasync function main() { await x(); process.exit(0); }\nmain();\n", True),
    ("require('./client');\nconst main = async () => { await x(); };\nmain().then(() => process.exit(0));\n", True),
    ("require('./client');\nmain().catch(console.error).finally(() => { process.exit(); });\nasync function main() {}\n", True),
    ("require('./client');\ntry { x(); } finally { process.exit(1); }\n", True),
    ("require('./client');\nvoid main();\nfunction main() { process.exit(); }\n", True),
    ("require('./client');\nprocess.exit();\n", True),
    # only on failure, conditionally, or in an event handler: keeps running
    ("require('./client');\nmain().catch(() => process.exit(1));\nasync function main() {}\n", False),
    ("require('./client');\nif (!process.env.T) process.exit(1);\n", False),
    ("require('./client');\nprocess.on('SIGINT', () => process.exit(0));\n", False),
    ("require('./client');\n(async () => { try { await x(); } catch (e) { process.exit(1); } })();\n", False),
    ("require('./client');\n(async () => { setTimeout(() => process.exit(0), 10); })();\n", False),
    ("require('./client');\nmain();\n", False),
    ("require('./client');\nfunction main() { main(); }\nmain();\n", False),  # recursion stays bounded
])
def test_exits_itself(tmp_path, entry, exits):
    repo = discover(write_tree(tmp_path, {"index.js": entry, "client.js": CLIENT}))
    program = Program(repo, "index.js")
    assert js_exit.exits_itself(program.module("index.js")) is exits
    kinds = [e.kind for e in _scan(repo, "index.js")[0]]
    assert kinds == ([] if exits else ["gateway"])


TELEGRAF = "const { Telegraf } = require('telegraf');\nconst bot = new Telegraf(process.env.T);\nmodule.exports = { bot };\n"


@pytest.mark.parametrize("entry", [
    "const { bot } = require('./bot');\n(async () => { await bot.launch(); process.exit(0); })();\n",
    "const { bot } = require('./bot');\nconst main = () => bot.launch();\nmain().then(() => process.exit(0));\n",
    "const { bot } = require('./bot');\nbot.launch().then(() => process.exit(0));\n",
    "const { bot } = require('./bot');\nasync function main() { return bot.launch(); }\nmain().finally(() => process.exit());\n",
])
def test_an_awaited_poller_keeps_the_process_up(tmp_path, entry):
    repo = discover(write_tree(tmp_path, {"index.js": entry, "bot.js": TELEGRAF}))
    assert [e.kind for e in _scan(repo, "index.js")[0]] == ["polling"]


def test_a_poller_started_without_waiting_ends_with_the_exit(tmp_path):
    entry = "const { bot } = require('./bot');\nbot.launch();\n(async () => { await bot.telegram.setMyCommands([]); process.exit(0); })();\n"
    repo = discover(write_tree(tmp_path, {"index.js": entry, "bot.js": TELEGRAF}))
    assert _scan(repo, "index.js")[0] == ()


# -- a plain JS class field assigned a client made without `new` (js_instances.assigned_field)
from test_r13n_js_instances import _hits  # noqa: E402


@pytest.mark.parametrize("body, expected", [
    ("this.chat = tmi.client({ channels: ['a'] });", [("gateway", "Twitch chat (tmi.js)")]),
    ("this.chat = tmi.Client({ channels: ['a'] });", [("gateway", "Twitch chat (tmi.js)")]),
    ("this . chat = tmi.client({});", [("gateway", "Twitch chat (tmi.js)")]),
    ("this.chat = makeChat();", []),  # the repository's own function
    ("this.chat == tmi.client({});", []),  # a comparison, not an assignment
    ("other.chat = tmi.client({});", []),
])
def test_field_assigned_a_client_made_without_new(tmp_path, body, expected):
    source = (f"const tmi = require('tmi.js');\nclass Bot {{\n  constructor() {{ {body} }}\n"
              "  open() { return this.chat.connect(); }\n}\nnew Bot().open();\n")
    found = [h for h in _hits(tmp_path, {"index.js": source}) if h[0] == "gateway"]
    assert found == expected


# -- @twurple/easy-bot connects in its constructor (js_twitch.easy_bot)
@pytest.mark.parametrize("source, expected", [
    ("import { Bot } from '@twurple/easy-bot';\nconst bot = new Bot({ authProvider: a, channel: 'x' });\n",
     [("gateway", "Twitch chat (@twurple/easy-bot)")]),
    ("import * as easy from '@twurple/easy-bot';\nnew easy.Bot({ authProvider: a, channels: ['x'] });\n",
     [("gateway", "Twitch chat (@twurple/easy-bot)")]),
    ("import { Bot } from 'grammy';\nconst bot = new Bot(process.env.T);\n", []),  # grammY's Bot polls on start()
    ("import { createBotCommand } from '@twurple/easy-bot';\nclass Bot {}\nnew Bot();\n", []),
])
def test_easy_bot_connects_when_made(tmp_path, source, expected):
    assert _hits(tmp_path, {"index.js": source}) == expected


def test_easy_bot_channel_variable_tells_copies_apart(tmp_path):
    from deploylint.code.js_bots import detect
    from deploylint.code.js_module import descendants

    source = "import { Bot } from '@twurple/easy-bot';\nnew Bot({ authProvider: a, channel: process.env.CHANNEL });\n"
    repo = discover(write_tree(tmp_path, {"index.js": source}))
    program = Program(repo, "index.js")
    module = program.module("index.js")
    hits = [h for n in descendants(module.root) if n.type == "new_expression" for h in detect(program, module, n)]
    assert [h.token for h in hits] == ["CHANNEL"]


# -- an environment variable imported from `export const { NAME } = process.env` (js_values._env_alias)
@pytest.mark.parametrize("settings, condition, expected", [
    ("export const { NODE_ENV, PORT } = process.env;\n", "NODE_ENV === 'development'", ("NODE_ENV", "==", "development", True)),
    ("export const { WEBHOOK_URL: hook } = process.env;\n", "!hook", ("WEBHOOK_URL", "truthy", "", False)),
    ("export const MODE = process.env.MODE;\n", "MODE !== 'x'", ("MODE", "==", "x", False)),
    ("const { NODE_ENV } = process.env;\nexport { NODE_ENV };\n", "NODE_ENV === 'dev'", ("NODE_ENV", "==", "dev", True)),
    ("export const { NODE_ENV } = loadConfig();\n", "NODE_ENV === 'dev'", None),  # not the environment
])
def test_env_name_imported_from_a_destructuring(tmp_path, settings, condition, expected):
    from deploylint.code.js_module import descendants
    from deploylint.code.js_values import env_test

    name = condition.lstrip("!").split()[0]
    entry = f"import {{ {name} }} from './settings';\nif ({condition}) start();\n"
    repo = discover(write_tree(tmp_path, {"src/settings.ts": settings, "src/app.ts": entry}))
    program = Program(repo, "src/app.ts")
    module = program.module("src/app.ts")
    branch = next(n for n in descendants(module.root) if n.type == "if_statement")
    assert env_test(program, module, branch.child_by_field_name("condition")) == expected


# -- `this.login()` in a class whose base class (another module) extends the library's client
@pytest.mark.parametrize("base, expected", [
    ("import { Client } from 'discord.js';\nexport class Base extends Client {}\n", [("gateway", "Discord gateway (discord.js)")]),
    ("export class Base { login() {} }\n", []),  # the repository's own login()
    ("import { EventEmitter } from 'events';\nexport class Base extends EventEmitter {}\n", []),
])
def test_this_login_through_a_base_class_of_another_module(tmp_path, base, expected):
    from deploylint.code.js_bots import detect
    from deploylint.code.js_module import descendants

    files = {"src/base.ts": base,
             "src/bot.ts": "import { Base } from './base';\nexport class Bot extends Base {\n"
                           "  start() { return this.login(process.env.T); }\n}\n",
             "src/main.ts": "import { Bot } from './bot';\nnew Bot().start();\n"}
    repo = discover(write_tree(tmp_path, files))
    program = Program(repo, "src/main.ts")
    module = program.module("src/bot.ts")
    found = [(h.kind, h.singleton) for n in descendants(module.root) if n.type == "call_expression"
             for h in detect(program, module, n)]
    assert found == expected


# -- a spawned script named by a parameter every outside call passes the same (js_spawn._passed)
@pytest.mark.parametrize("source, argv", [
    ("function run(f) { spawn(process.argv[0], [path.join(f)]); }\nrun('./bot.js');\n", ("node", "bot.js")),
    ("const run = (f) => { const a = [f]; spawn(process.execPath, a); };\nrun('bot.js');\n", ("node", "bot.js")),
    ("function run(f) { spawn('node', [f]); child.on('exit', () => run(f)); }\nrun('./bot.js');\n", ("node", "./bot.js")),
    ("function run(f) { spawn('node', [f]); }\nrun('./a.js');\nrun('./b.js');\n", None),  # two different programs
    ("function run(f) { spawn('node', [f]); }\nrun(process.env.FILE);\n", None),  # known at run time only
    ("function run(f) { spawn('node', [f]); }\n", None),  # never called here
])
def test_spawned_file_from_a_parameter(tmp_path, source, argv):
    from deploylint.code import js_spawn

    head = "const { spawn } = require('child_process');\nconst path = require('path');\n"
    repo = discover(write_tree(tmp_path, {"index.js": head + source}))
    program = Program(repo, "index.js")
    spawns = [js_spawn.detect(program, unit, node) for unit, node in program.calls]
    found = [s.argv for s in spawns if s is not None]
    assert found == ([argv] if argv else [])


def test_exit_reader_stays_bounded_on_hostile_input(tmp_path):
    chain = "main()" + ".then(() => 1)" * 1500 + ".finally(() => process.exit());\n"
    calls = "".join(f"function f{i}() {{ {'g(); ' * 400} }}\n" for i in range(5)) + "f0();\n" * 400
    for text in (chain, calls):
        repo = discover(write_tree(tmp_path, {"index.js": "require('./client');\n" + text, "client.js": CLIENT}))
        from deploylint.code.js_module import load

        assert js_exit.exits_itself(load(repo, "index.js")) is (text is chain)  # no RecursionError
