"""Round 14 (Node): a bot held by a member of a module object (`m.bot.launch()` with `m`
from `require`, `import * as`, `await import`, a dynamic import's `.then`), and tmi.js
Twitch chat clients (js_twitch)."""
from __future__ import annotations

import pytest

from conftest import write_tree
from deploylint.code import js_bots
from deploylint.code.js_module import descendants
from deploylint.code.js_reach import Program
from deploylint.discover import discover
from test_r13n_js_instances import _hits  # the hits js_bots.detect finds on every call of the entry

TELEGRAF = ("const { Telegraf } = require('telegraf');\nconst bot = new Telegraf(process.env.BOT_TOKEN);\n"
            "const helper = { launch() {} };\nmodule.exports = { bot, helper, name: 'x' };\n")
POLLING = [("polling", "Telegram polling (Telegraf)")]


@pytest.mark.parametrize("entry, expected", [
    ("import('./bot.js').then((m) => m.bot.launch());\n", POLLING),
    ("const m = require('./bot');\nm.bot.launch();\n", POLLING),
    ("(async () => { const m = await import('./bot.js'); await m.bot.launch(); })();\n", POLLING),
    ("require('./bot').bot.launch();\n", POLLING),
    ("const m = require('./bot');\nm.bot.launch({ webhook: { domain: 'x.example' } });\n",
     [("webhook", "Telegram webhook (Telegraf)")]),
    ("const m = require('./bot');\nm.bot.telegram.setWebhook('https://x.example/hook');\n",
     [("webhook", "Telegram webhook (Telegraf)")]),
    ("const m = require('./bot');\nm.helper.launch();\n", []),  # the repository's own object
    ("const m = require('./bot');\nm.absent.launch();\n", []),
    ("const m = require('./missing');\nm.server.launch();\n", []),
    ("Promise.resolve(1).then((m) => m.server.launch());\nimport('./bot.js');\n", []),
])
def test_bot_member_of_a_module_object(tmp_path, entry, expected):
    assert _hits(tmp_path, {"index.js": entry, "bot.js": TELEGRAF}) == expected


def test_namespace_import_member(tmp_path):
    files = {"src/tg.ts": "import { Bot } from 'grammy';\nexport const bot = new Bot(process.env.T!);\n",
             "src/index.ts": "import * as tg from './tg';\ntg.bot.start();\n"}
    assert _hits(tmp_path, files, "src/index.ts") == [("polling", "Telegram polling (grammY)")]


TWITCH = [("gateway", "Twitch chat (tmi.js)")]


@pytest.mark.parametrize("source, expected", [
    ("const tmi = require('tmi.js');\nconst c = new tmi.Client({ channels: ['a'] });\nc.connect();\n", TWITCH),
    ("const tmi = require('tmi.js');\nconst c = new tmi.client({});\nc.connect();\n", TWITCH),
    ("const tmi = require('tmi.js');\nconst c = tmi.client({});\nc.connect().catch(() => {});\n", TWITCH),
    ("import tmi from 'tmi.js';\nconst c = tmi.Client({});\nawait c.connect();\n", TWITCH),
    ("const { Client } = require('tmi.js');\nconst c = new Client({});\nc.connect();\n", TWITCH),
    ("import { chat } from './chat.js';\nchat.connect();\n", TWITCH),  # made without `new` in another module
    # `connect` on anything else is no chat connection
    ("const tmi = require('tmi.js');\nconst mongoose = require('mongoose');\nmongoose.connect(process.env.URL);\n", []),
    ("const tmi = require('tmi.js');\nconst c = tmi.other({});\nc.connect();\n", []),
    ("const tmi = require('tmi.js');\nconst client = require('./client');\nclient.connect();\n", []),
    ("import { ChatClient } from '@twurple/chat';\nconst chat = new ChatClient({ channels: ['a'] });\nchat.connect();\n",
     [("gateway", "Twitch chat (@twurple/chat)")]),
    ("import { ChatClient } from '@twurple/chat';\nimport { ApiClient } from '@twurple/api';\n"
     "const api = new ApiClient({});\napi.connect();\n", []),
])
def test_tmi_connect(tmp_path, source, expected):
    files = {"index.mjs": source, "client.js": "module.exports = { connect() {} };\n",
             "chat.js": "import tmi from 'tmi.js';\nexport const chat = tmi.client({ channels: ['a'] });\n"}
    assert _hits(tmp_path, files, "index.mjs") == expected


@pytest.mark.parametrize("channels, token", [
    ("", "TWITCH_OAUTH"),  # no channels option: the account's token variable
    ("channels: ['#a'],", "TWITCH_OAUTH"),
    ("channels: [process.env.CHANNEL],", "CHANNEL"),  # copies in different channels are different chats
    ("channels: process.env.CHANNELS.split(','),", "CHANNELS"),
    ("channels: [process.env.A, process.env.B],", "TWITCH_OAUTH"),
])
def test_tmi_token_tells_connections_apart(tmp_path, channels, token):
    source = ("const tmi = require('tmi.js');\nconst opts = { " + channels + " identity: { username: 'b', password: "
              "process.env.TWITCH_OAUTH } };\nconst c = new tmi.Client(opts);\nc.connect();\n")
    repo = discover(write_tree(tmp_path, {"index.js": source}))
    program = Program(repo, "index.js")
    module = program.module("index.js")
    hits = [h for n in descendants(module.root) if n.type == "call_expression" for h in js_bots.detect(program, module, n)]
    assert [(h.family, h.token) for h in hits] == [("twitch", token)]


@pytest.mark.parametrize("entry, expected", [
    ("const App = require('/srv/bot/app');\nApp.bot.launch();\n", POLLING),  # a path the walk cannot follow
    ("const t = Holder.Instance;\nt.bot.startPolling();\n", [("polling", "Telegram polling (Telegraf)")]),
    ("const t = Holder.Instance;\nt.bot.telegram.setWebhook('https://x.example/h');\n",
     [("webhook", "Telegram webhook (Telegraf)")]),
    ("const t = Holder.Instance;\nt.bot.stop();\n", []),  # not a method that starts anything
    ("const t = Holder.Instance;\nt.server.launch();\n", []),  # not named like a bot
    # a repository object whose `bot` is known to be no bot
    ("const services = { bot: { launch() {} } };\nservices.bot.launch();\n", []),
])
def test_bot_named_property_of_an_unknown_object(tmp_path, entry, expected):
    files = {"index.js": "const { Telegraf } = require('telegraf');\n" + entry}
    assert _hits(tmp_path, files) == expected


def test_bot_named_property_needs_a_used_library(tmp_path):
    assert _hits(tmp_path, {"index.js": "const App = require('/srv/app');\nApp.bot.launch();\n"}) == []


@pytest.mark.parametrize("field, expected", [
    ("private chat: Client;", TWITCH),
    ("private chat: tmi.Client;", TWITCH),
    ("private chat: Other;", []),  # not a library class
    ("private other: Client;", []),  # another field
])
def test_typed_field_of_a_library_class(tmp_path, field, expected):
    source = ("import tmi from 'tmi.js';\nimport { Client } from 'tmi.js';\nimport { Other } from './other';\n"
              f"export class Bot {{\n  {field}\n  constructor() {{ this.chat = make(); }}\n"
              "  open() { return this.chat.connect(); }\n}\n")
    assert _hits(tmp_path, {"index.ts": source, "other.ts": "export class Other {}\n"}, "index.ts") == expected


def test_typed_constructor_parameter(tmp_path):
    source = ("import { Client } from 'tmi.js';\nexport class Bot {\n  constructor(private chat: Client) {}\n"
              "  open() { return this.chat.connect(); }\n}\n")
    assert _hits(tmp_path, {"index.ts": source}, "index.ts") == TWITCH
