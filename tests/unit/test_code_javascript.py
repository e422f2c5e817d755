"""The JavaScript/TypeScript singleton scanner: reachability and library signatures."""
from __future__ import annotations

import textwrap

import pytest

from deploylint.code.javascript import scan
from deploylint.discover import discover
from deploylint.model import Location, Process
from conftest import write_tree


def run(tmp_path, files: dict[str, str], entry: str = "index.js"):
    write_tree(tmp_path, {name: textwrap.dedent(text) for name, text in files.items()})
    repo = discover(tmp_path)
    language = "typescript" if entry.endswith((".ts", ".tsx")) else "javascript"
    process = Process(argv=("node", entry), location=Location("Procfile", 1, 1), kind="node",
                      entry=entry, language=language)
    return repo, scan(repo, process)


def kinds(evidence) -> list[tuple[str, str]]:
    return sorted((e.kind, e.singleton) for e in evidence)


def only(evidence, kind):
    matches = [e for e in evidence if e.kind == kind]
    assert len(matches) == 1, evidence
    return matches[0]


# -- node-telegram-bot-api -------------------------------------------------------------------
def test_ntba_polling_option(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const TelegramBot = require('node-telegram-bot-api');
        const bot = new TelegramBot(process.env.TELEGRAM_TOKEN, { polling: true });
        bot.on('message', (msg) => bot.sendMessage(msg.chat.id, 'hi'));
    """})
    polling = only(found, "polling")
    assert polling.singleton == "Telegram polling (node-telegram-bot-api)"
    assert polling.family == "telegram" and polling.token == "TELEGRAM_TOKEN" and not polling.per_worker
    assert (polling.location.path, polling.location.line, polling.location.column) == ("index.js", 2, 13)
    assert polling.location.end_line == 2 and polling.location.end_column > 13
    assert polling.trace[-1].location == polling.location


def test_ntba_polling_object_and_autostart_false(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        import TelegramBot from 'node-telegram-bot-api';
        const options = { polling: { interval: 300, params: { timeout: 10 } } };
        const a = new TelegramBot(token, options);
        const b = new TelegramBot(token, { polling: { autoStart: false } });
        const c = new TelegramBot(token);
    """})
    assert [(e.kind, e.location.line) for e in found] == [("polling", 3)]


def test_ntba_start_polling_and_webhook_forms(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const TelegramBot = require('node-telegram-bot-api');
        const hooked = new TelegramBot(token, { webHook: { port: 8443 } });
        hooked.setWebHook(`${url}/bot${token}`);
        app.post('/hook', (req, res) => { hooked.processUpdate(req.body); res.sendStatus(200); });
        const later = new TelegramBot(token, { polling: { autoStart: false } });
        later.startPolling();
    """})
    assert [(e.kind, e.location.line) for e in found] == [
        ("webhook", 2), ("webhook", 3), ("polling", 6), ("webhook", 4)]


# -- Telegraf --------------------------------------------------------------------------------
def test_telegraf_launch_polls(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        bot.start((ctx) => ctx.reply('Welcome'));
        bot.launch({ dropPendingUpdates: true });
    """})
    polling = only(found, "polling")
    assert polling.singleton == "Telegram polling (Telegraf)" and polling.location.line == 4
    assert polling.token == "BOT_TOKEN"
    assert "bot.launch()" in polling.trace[-1].note


def test_telegraf_launch_with_webhook_option_is_webhook_only(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        bot.launch({ webhook: { domain: process.env.DOMAIN, port: 8080 } });
    """})
    assert kinds(found) == [("webhook", "Telegram webhook (Telegraf)")]


def test_telegraf_webhook_helpers(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        app.use(await bot.createWebhook({ domain: 'example.com' }));
        app.use(bot.webhookCallback('/secret'));
        bot.telegram.setWebhook('https://example.com/secret');
        app.post('/u', (req, res) => bot.handleUpdate(req.body, res));
    """})
    assert [(e.kind, e.location.line) for e in found] == [
        ("webhook", 3), ("webhook", 4), ("webhook", 5), ("webhook", 6)]


def test_telegraf_v3_start_polling(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const Telegraf = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        bot.startPolling();
    """})
    assert kinds(found) == [("polling", "Telegram polling (Telegraf)")]


def test_launch_inside_uncalled_function_is_not_reached(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        function startPolling() {
          bot.launch();
        }
        module.exports = { startPolling };
    """})
    assert found == []


def test_launch_inside_called_async_main(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        async function main() {
          const bot = new Telegraf(process.env.BOT_TOKEN);
          await bot.launch();
        }
        main().catch(console.error);
    """})
    polling = only(found, "polling")
    assert polling.location.line == 4
    assert [s.note for s in polling.trace][0] == "`main()` called at index.js:6"


def test_iife_and_listen_callback_and_timeout_reference(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        const other = new Telegraf(process.env.OTHER_TOKEN);
        const third = new Telegraf(process.env.THIRD_TOKEN);
        (async () => { await bot.launch(); })();
        app.listen(3000, () => { other.launch(); });
        function later() { third.launch(); }
        setTimeout(later, 1000);
    """})
    assert sorted((e.location.line, e.token) for e in found) == [
        (5, "BOT_TOKEN"), (6, "OTHER_TOKEN"), (7, "THIRD_TOKEN")]


def test_class_method_called_on_instance(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        class App {
          constructor() { this.bot = new Telegraf(process.env.BOT_TOKEN); }
          run() { this.bot.launch(); }
          idle() { this.bot.startPolling(); }
        }
        new App().run();
    """})
    polling = only(found, "polling")
    assert polling.location.line == 4 and polling.token == "BOT_TOKEN"


def test_require_chain_with_top_level_launch(tmp_path):
    _, found = run(tmp_path, {
        "server.js": """\
            const express = require('express');
            require('./src/bot');
            express().listen(3000);
        """,
        "src/bot.js": """\
            const { Telegraf } = require('telegraf');
            const bot = new Telegraf(process.env.BOT_TOKEN);
            bot.launch();
        """,
    }, entry="server.js")
    polling = only(found, "polling")
    assert polling.location.path == "src/bot.js"
    assert [(str(s.location), s.note) for s in polling.trace[:-1]] == [("src/bot.js:1:1", "required by server.js:2")]


def test_import_named_function_and_call(tmp_path):
    _, found = run(tmp_path, {
        "index.mjs": """\
            import { startBot } from './bot.js';
            import './unused-side-effect-free.js';
            startBot();
        """,
        "unused-side-effect-free.js": "export const x = 1;\n",
        "bot.js": """\
            import { Bot } from 'grammy';
            const bot = new Bot(process.env.BOT_TOKEN);
            export function startBot() { bot.start(); }
            export function stopBot() { bot.stop(); }
        """,
    }, entry="index.mjs")
    polling = only(found, "polling")
    assert polling.singleton == "Telegram polling (grammY)" and polling.token == "BOT_TOKEN"
    notes = [s.note for s in polling.trace]
    assert notes[0] == "`startBot()` called at index.mjs:3" and len(notes) == 2


def test_exported_function_not_called_is_not_reached(tmp_path):
    _, found = run(tmp_path, {
        "index.js": "const { startBot } = require('./bot');\nconsole.log('web only');\n",
        "bot.js": """\
            const { Telegraf } = require('telegraf');
            const bot = new Telegraf(process.env.BOT_TOKEN);
            exports.startBot = () => bot.launch();
        """,
    })
    assert found == []


def test_dynamic_import_and_namespace_call(tmp_path):
    _, found = run(tmp_path, {
        "index.js": """\
            const bot = require('./lib');
            bot.startBot();
            import('./jobs');
        """,
        "lib/index.js": """\
            const { Telegraf } = require('telegraf');
            const bot = new Telegraf(process.env.BOT_TOKEN);
            module.exports.startBot = function () { bot.launch(); };
        """,
        "jobs.js": "const cron = require('node-cron');\ncron.schedule('0 * * * *', () => {});\n",
    })
    assert sorted((e.kind, e.location.path) for e in found) == [("polling", "lib/index.js"), ("scheduler", "jobs.js")]


def test_typescript_with_type_annotations_and_js_extension_import(tmp_path):
    repo, found = run(tmp_path, {
        "src/index.ts": """\
            import { createBot } from './bot.js';
            interface Config { token: string }
            const config: Config = { token: process.env.BOT_TOKEN! };
            async function main(): Promise<void> {
              const bot = createBot(config.token);
              await bot.start();
            }
            void main();
        """,
        "src/bot.ts": """\
            import { Bot, Context } from 'grammy';
            export function createBot(token: string): Bot<Context> {
              return new Bot<Context>(token);
            }
        """,
    }, entry="src/index.ts")
    assert repo.findings == []
    assert kinds(found) == [("polling", "Telegram polling (grammY)")]
    assert found[0].location.path == "src/index.ts" and found[0].location.line == 6


def test_grammy_runner_and_webhook(tmp_path):
    _, found = run(tmp_path, {"index.ts": """\
        import { Bot, webhookCallback } from 'grammy';
        import { run } from '@grammyjs/runner';
        const bot = new Bot(process.env.BOT_TOKEN as string);
        run(bot);
        app.use(webhookCallback(bot, 'express'));
        await bot.api.setWebhook('https://example.com');
    """}, entry="index.ts")
    assert [(e.kind, e.singleton, e.token) for e in found] == [
        ("polling", "Telegram polling (@grammyjs/runner)", "BOT_TOKEN"),
        ("webhook", "Telegram webhook (grammY)", "BOT_TOKEN"),
        ("webhook", "Telegram webhook (grammY)", "BOT_TOKEN"),
    ]


# -- polling as a fallback ---------------------------------------------------------------------
def test_env_branch_polling_fallback(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        if (process.env.USE_WEBHOOK === 'true') {
          bot.launch({ webhook: { domain: process.env.DOMAIN, port: 8080 } });
        } else {
          bot.launch();
        }
    """})
    assert [(e.kind, e.location.line) for e in found] == [("webhook", 4), ("polling-fallback", 6)]
    assert "USE_WEBHOOK" in found[1].trace[-1].note


def test_env_branch_fallback_through_functions_and_ternary(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const TelegramBot = require('node-telegram-bot-api');
        const WEBHOOK_URL = process.env.WEBHOOK_URL;
        const bot = new TelegramBot(process.env.TOKEN, WEBHOOK_URL ? { webHook: { port: 80 } } : { polling: true });
        function useWebhook() { bot.setWebHook(WEBHOOK_URL); }
        function usePolling() { bot.startPolling(); }
        WEBHOOK_URL ? useWebhook() : usePolling();
    """})
    assert sorted((e.kind, e.location.line) for e in found) == [
        ("polling-fallback", 3), ("polling-fallback", 5), ("webhook", 3), ("webhook", 4)]


def test_non_env_branch_without_webhook_stays_polling(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        if (process.env.ENABLE_BOT) { bot.launch(); }
    """})
    assert kinds(found) == [("polling", "Telegram polling (Telegraf)")]


# -- Discord, schedulers ------------------------------------------------------------------------
def test_discord_login_gateway(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Client, GatewayIntentBits } = require('discord.js');
        const client = new Client({ intents: [GatewayIntentBits.Guilds] });
        client.once('ready', () => console.log('ready'));
        client.login(process.env.DISCORD_TOKEN);
    """})
    gateway = only(found, "gateway")
    assert (gateway.singleton, gateway.family, gateway.token) == ("Discord gateway (discord.js)", "discord", "DISCORD_TOKEN")


def test_discord_sharding_manager_is_one_gateway(tmp_path):
    # the manager's spawn() is the bot's gateway (its shards split the guilds): one piece of
    # evidence, so one manager is one copy and two managers are a duplicate (test_js_sharding)
    _, found = run(tmp_path, {"index.js": """\
        const { ShardingManager } = require('discord.js');
        const manager = new ShardingManager('./bot.js', { token: process.env.DISCORD_TOKEN });
        manager.spawn();
    """})
    assert [(e.kind, e.location.line) for e in found] == [("gateway", 3)]


def test_node_cron_without_and_with_instance_guard(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const cron = require('node-cron');
        cron.schedule('*/5 * * * *', () => sendDigest());
        if (process.env.NODE_APP_INSTANCE === '0') {
          cron.schedule('0 0 * * *', () => cleanup());
        }
        function jobs() {
          if (process.env.NODE_APP_INSTANCE !== '0') return;
          cron.schedule('0 1 * * *', () => backup());
        }
        jobs();
    """})
    # the guarded jobs are kept, marked: PM2's instances are told apart, a platform's replicas are not
    assert [(e.kind, e.location.line, e.pm2_once) for e in found] == [
        ("scheduler", 2, False), ("scheduler", 4, True), ("scheduler", 8, True)]
    assert (found[0].singleton, found[0].family) == ("node-cron job `*/5 * * * *`", "scheduler:index.js:2")


def test_cron_and_node_schedule(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { CronJob } = require('cron');
        const schedule = require('node-schedule');
        new CronJob('0 * * * *', tick, null, true);
        const idle = new CronJob('0 * * * *', tick);
        const later = new CronJob('1 * * * *', tick);
        later.start();
        schedule.scheduleJob('0 0 * * *', tick);
    """})
    assert [(e.kind, e.location.line) for e in found] == [("scheduler", 3), ("scheduler", 5), ("scheduler", 7)]


# -- traps -----------------------------------------------------------------------------------
def test_child_process_pkill(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { execSync } = require('child_process');
        execSync('pkill -f "node bot.js" || true');
        require('child_process').exec('ls -la');
    """})
    kill = only(found, "kill-by-name")
    assert kill.location.line == 2 and "pkill" in kill.singleton
    assert not kill.is_singleton


def test_wx_pid_lock(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const fs = require('fs');
        const path = require('path');
        const PID_FILE = path.join(__dirname, 'data', 'bot.pid');
        try {
          const fd = fs.openSync(PID_FILE, 'wx');
          fs.writeFileSync(PID_FILE, String(process.pid));
        } catch (e) { process.exit(1); }
        fs.writeFileSync('/tmp/other.lock', '1', { flag: 'wx' });
    """})
    assert [(e.kind, e.singleton, e.location.line) for e in found] == [
        ("lock-file", "lock file data/bot.pid", 5), ("lock-file", "lock file /tmp/other.lock", 8)]


def test_proper_lockfile(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const lockfile = require('proper-lockfile');
        lockfile.lockSync('bot.lock');
    """})
    assert kinds(found) == [("lock-file", "lock file bot.lock")]


def test_sigterm_stop_handler(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        bot.launch();
        process.once('SIGINT', () => bot.stop('SIGINT'));
        process.once('SIGTERM', () => bot.stop('SIGTERM'));
        process.on('SIGTERM', () => console.log('bye'));
    """})
    stop = only(found, "stop-signal")
    assert stop.location.line == 5 and "bot.stop('SIGTERM')" in stop.singleton


# -- robustness ------------------------------------------------------------------------------
def test_broken_file_reports_dpl001_and_still_scans(tmp_path):
    repo, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        bot.launch();
        const broken = 'unterminated
        function (
    """})
    codes = [(f.code, f.location.path) for f in repo.findings]
    assert codes == [("DPL001", "index.js")]
    assert "syntax error" in repo.findings[0].message and repo.findings[0].hint
    assert kinds(found) == [("polling", "Telegram polling (Telegraf)")]


def test_valid_file_reports_nothing(tmp_path):
    repo, _ = run(tmp_path, {"index.js": "const a = 1;\n"})
    assert repo.findings == []


def test_require_cycle_terminates(tmp_path):
    _, found = run(tmp_path, {
        "index.js": "require('./a');\n",
        "a.js": "const b = require('./b');\nfunction ping() { b.pong(); }\nping();\nmodule.exports = { ping };\n",
        "b.js": """\
            const a = require('./a');
            const { Telegraf } = require('telegraf');
            function pong() { a.ping(); new Telegraf(process.env.T).launch(); }
            module.exports = { pong };
        """,
    })
    assert [(e.kind, e.location.path, e.token) for e in found] == [("polling", "b.js", "T")]


def test_missing_import_and_non_js_entry_do_not_raise(tmp_path):
    _, found = run(tmp_path, {"index.js": "require('./nowhere');\nimport('./also-missing').then(m => m.go());\n"})
    assert found == []


@pytest.mark.parametrize("text", ["(", "bot.launch(", "new TelegramBot(", "class { constructor(", "import {", "`${",
                                  "process.once('SIGTERM', ", "cron.schedule(", "const { a: } = require("])
def test_fragments_never_raise(tmp_path, text):
    repo, _ = run(tmp_path, {"index.js": "const cron = require('node-cron');\nconst TelegramBot = require('node-telegram-bot-api');\n" + text})
    assert [f.code for f in repo.findings] == ["DPL001"]


def test_puppeteer_launch_is_not_telegraf(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const puppeteer = require('puppeteer');
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        (async () => { const browser = await puppeteer.launch(); })();
    """})
    assert found == []


def test_scan_is_memoised(tmp_path):
    repo, first = run(tmp_path, {"index.js": "const { Telegraf } = require('telegraf');\nnew Telegraf(t).launch();\n"})
    process = Process(argv=("node", "index.js"), location=Location("Procfile", 2, 1), kind="node", entry="index.js")
    assert scan(repo, process) == first and len(first) == 1


def test_destructured_require_call_and_exported_instance(tmp_path):
    _, found = run(tmp_path, {
        "index.js": """\
            const { startBot } = require('./bot');
            const bot = require('./instance');
            startBot();
            bot.telegram.setWebhook(process.env.URL);
        """,
        "bot.js": """\
            const TelegramBot = require('node-telegram-bot-api');
            const config = { token: process.env.NTBA_TOKEN };
            function startBot() { return new TelegramBot(config.token, { polling: true }); }
            module.exports = { startBot };
        """,
        "instance.js": """\
            const { Telegraf } = require('telegraf');
            const { TG_TOKEN } = process.env;
            module.exports = new Telegraf(TG_TOKEN);
        """,
    })
    assert [(e.kind, e.location.path, e.token) for e in found] == [
        ("webhook", "index.js", "TG_TOKEN"), ("polling", "bot.js", "NTBA_TOKEN")]


def test_require_main_guard_runs_only_in_the_entry(tmp_path):
    _, found = run(tmp_path, {
        "index.js": """\
            require('./bot');
            if (require.main === module) { require('./jobs'); }
        """,
        "bot.js": """\
            const { Telegraf } = require('telegraf');
            const bot = new Telegraf(process.env.BOT_TOKEN);
            if (require.main === module) {
              bot.launch();
            }
            module.exports = bot;
        """,
        "jobs.js": "const cron = require('node-cron');\ncron.schedule('* * * * *', () => {});\n",
    })
    assert [(e.kind, e.location.path) for e in found] == [("scheduler", "jobs.js")]


@pytest.mark.parametrize("command, killing", [
    ("execSync('killall -9 node')", True),
    ("exec(`kill -9 $(pgrep -f bot.js)`)", True),
    ("spawn('pkill', ['-f', 'bot'])", True),
    ("execSync('pgrep -f bot | xargs kill')", True),
    ("execSync('kill -9 1234')", False),
    ("execSync('echo skill')", False),
])
def test_kill_by_name_forms(tmp_path, command, killing):
    _, found = run(tmp_path, {"index.js": f"const {{ exec, execSync, spawn }} = require('child_process');\n{command};\n"})
    assert [e.kind for e in found] == (["kill-by-name"] if killing else [])


def test_telegraf_start_handler_is_not_grammy_polling(tmp_path):
    _, found = run(tmp_path, {
        "index.js": "const { Bot } = require('grammy');\nrequire('./handlers')(someBot);\n",
        "handlers.js": "module.exports = (bot) => { bot.start((ctx) => ctx.reply('hi')); bot.start(); };\n",
    })
    assert [(e.kind, e.location.line) for e in found] == [("polling", 1)]
    assert found[0].location.column > 50


def test_default_exported_object_method(tmp_path):
    _, found = run(tmp_path, {
        "index.mjs": "import service from './service.mjs';\nawait service.boot();\n",
        "service.mjs": """\
            import { Bot } from 'grammy';
            const bot = new Bot(process.env.BOT_TOKEN);
            export default { async boot() { await bot.start({ drop_pending_updates: true }); } };
        """,
    }, entry="index.mjs")
    assert [(e.kind, e.location.path, e.token) for e in found] == [("polling", "service.mjs", "BOT_TOKEN")]


def test_polling_reached_only_on_failure_is_a_fallback(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        async function start() {
          try {
            await bot.telegram.setWebhook(process.env.URL);
          } catch (e) {
            await bot.launch();
          }
        }
        start();
        connect().then(() => bot.launch(), () => bot.launch());
    """})
    polls = sorted((e.location.line, e.kind, e.on_failure) for e in found if e.kind.startswith("polling"))
    assert polls == [(7, "polling-fallback", "`await bot.telegram.setWebhook(process.env.URL)` fails"),
                     (11, "polling", ""), (11, "polling", "`connect()` fails")]


def test_polling_in_the_tried_block_always_runs(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.BOT_TOKEN);
        try {
          bot.launch();
        } catch (e) {
          console.error(e);
        }
        bot.launch().catch((e) => console.error(e));
    """})
    assert sorted((e.location.line, e.kind, e.on_failure) for e in found) == [(4, "polling", ""), (8, "polling", "")]


def test_gramjs_saved_session_is_an_mtproto_session(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { TelegramClient } = require('telegram');
        const { StringSession, StoreSession } = require('telegram/sessions');
        const saved = new StringSession(process.env.SESSION || '');
        const client = new TelegramClient(saved, 1, 'hash', {});
        const stored = new TelegramClient(new StoreSession('my_account'), 1, 'hash', {});
        const fresh = new TelegramClient(new StringSession(''), 1, 'hash', {});
        client.start({ phoneNumber: async () => '' });
        stored.connect();
        fresh.start({ botAuthToken: process.env.BOT_TOKEN });
        const other = { start() {} };
        other.start();
    """})
    assert sorted((e.kind, e.singleton, e.family, e.location.line) for e in found) == [
        ("session", "MTProto session `$SESSION` (GramJS)", "mtproto:$SESSION", 7),
        ("session", "MTProto session `my_account` (GramJS)", "mtproto:my_account", 8)]


def test_instance_guard_through_a_constant(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const cron = require('node-cron');
        const isPrimary = !process.env.NODE_APP_INSTANCE || process.env.NODE_APP_INSTANCE === '0';
        const enabled = process.env.JOBS !== 'off';
        if (isPrimary && enabled) {
          cron.schedule('0 1 * * *', () => backup());
        }
        if (enabled) {
          cron.schedule('0 2 * * *', () => cleanup());
        }
    """})
    assert [(e.location.line, e.pm2_once) for e in found] == [(5, True), (8, False)]
