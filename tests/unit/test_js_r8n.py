"""Round 8 Node patterns: GramIO, builder chains, raw pollers through imported fetch and
`.then(this.x)`, toad-scheduler jobs."""
from __future__ import annotations

from test_code_javascript import run

from deploylint.code.js_module import fluent_root
from deploylint.treesitter import parser


def found(evidence, kind):
    return [(e.singleton, e.location.line) for e in evidence if e.kind == kind]


def _expression(text: str):
    tree = parser("javascript").parse(text.encode())
    return tree.root_node.named_children[0].named_children[0]


def test_fluent_root_follows_builder_methods_only():
    assert fluent_root(_expression("new Bot(t).extend(a).command('x', f).onStart(g);")).type == "new_expression"
    assert fluent_root(_expression("new Bot(t).extend(a).start();")).type == "call_expression"
    assert fluent_root(_expression("make(t).use(a);")).type == "call_expression"


def test_gramio_builder_chain_polls(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { Bot } = require('gramio');
        const app = new Bot(process.env.TOKEN).extend(plugin()).command('a', (c) => c.send('b'));
        app.start({ dropPendingUpdates: true });
    """})
    assert found(evidence, "polling") == [("Telegram polling (GramIO)", 3)]
    assert evidence[0].token == "TOKEN"


def test_gramio_webhook_start_and_handler_do_not_poll(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        import { Bot, webhookHandler } from 'gramio';
        import express from 'express';
        const bot = new Bot(process.env.TOKEN);
        await bot.start({ webhook: { url: process.env.URL } });
        express().post('/tg', webhookHandler(bot, 'express')).listen(3000);
    """})
    assert found(evidence, "polling") == []
    assert [line for _, line in found(evidence, "webhook")] == [4, 5]


def test_raw_poller_with_imported_fetch_and_then_self(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const fetch = require('node-fetch');
        class Loop {
          constructor() { this.run = this.run.bind(this); }
          once() { return fetch(`https://api.telegram.org/bot${process.env.T}/getUpdates`).then((r) => r.json()); }
          run() { this.once().finally(this.run); }
        }
        new Loop().run();
    """})
    assert found(evidence, "polling") == [("Telegram polling (raw getUpdates loop)", 4)]


def test_raw_single_fetch_with_imported_axios_is_not_a_poller(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const axios = require('axios');
        function report() { return axios.get(`https://api.telegram.org/bot${process.env.T}/getUpdates`).then(show); }
        function show(r) { console.log(r.data); }
        report();
    """})
    assert found(evidence, "polling") == []


def test_toad_scheduler_job_on_a_known_scheduler(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { ToadScheduler, CronJob, Task } = require('toad-scheduler');
        const s = new ToadScheduler();
        const nightly = new CronJob({ cronExpression: '0 3 * * *' }, new Task('n', () => {}));
        s.addCronJob(nightly);
    """})
    assert found(evidence, "scheduler") == [("toad-scheduler job `nightly`", 4)]


def test_toad_method_name_on_another_library_is_not_a_job(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { Queue } = require('some-queue');
        const q = new Queue();
        q.addCronJob({ name: 'x' });
    """})
    assert found(evidence, "scheduler") == []


def test_fastify_scheduler_job(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const fastify = require('fastify')();
        const { fastifySchedule } = require('@fastify/schedule');
        const { SimpleIntervalJob, AsyncTask } = require('toad-scheduler');
        fastify.register(fastifySchedule);
        fastify.ready().then(() => {
          fastify.scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ seconds: 20 }, new AsyncTask('t', f), { id: 'sync' }));
        });
        fastify.listen({ port: 3000 });
    """})
    assert found(evidence, "scheduler") == [("toad-scheduler job `sync`", 6)]


def test_factory_function_returning_a_bot(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        function build() { const b = new Telegraf(process.env.T); b.on('text', () => {}); return b; }
        const make = () => new Telegraf(process.env.T);
        build().launch();
        make().launch({ webhook: { domain: 'x.example' } });
    """})
    assert [line for _, line in found(evidence, "polling")] == [4]
    assert [line for _, line in found(evidence, "webhook")] == [5]


def test_factory_of_another_object_is_not_a_bot(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { Telegraf } = require('telegraf');
        const bot = new Telegraf(process.env.T);
        function server() { return { start() {} }; }
        server().start();
    """})
    assert found(evidence, "polling") == []


def test_args_after_entry():
    from deploylint.code.js_yargs import args_after_entry

    assert args_after_entry(("ts-node", "./index.ts", "bot", "start"), "index.ts") == ("bot", "start")
    assert args_after_entry(("node", "dist/cli.js", "--verbose", "serve"), "dist/cli.js") == ("serve",)
    assert args_after_entry(("node", "other.js"), "cli.js") == ()


def _yargs_tree(tmp_path):
    return {
        "cli.js": "require('yargs')(process.argv.slice(2)).commandDir('cmds').parse();\n",
        "cmds/run.js": "exports.command = ['run', '$0'];\nexports.handler = () => require('../bot').start();\n",
        "cmds/grp.js": "exports.command = 'grp <sub>';\nexports.builder = (y) => y.commandDir('grp');\nexports.handler = () => {};\n",
        "cmds/grp/go.js": "exports.command = 'go';\nexports.handler = () => require('../../bot').start();\n",
        "cmds/other.js": "exports.command = 'other';\nexports.handler = () => {};\n",
        "bot.js": "const { Telegraf } = require('telegraf');\nmodule.exports.start = () => new Telegraf(process.env.T).launch();\n",
    }


def _scan_args(tmp_path, argv):
    import textwrap

    from deploylint.code.javascript import scan
    from deploylint.discover import discover
    from deploylint.model import Location, Process
    from conftest import write_tree

    write_tree(tmp_path, {k: textwrap.dedent(v) for k, v in _yargs_tree(tmp_path).items()})
    repo = discover(tmp_path)
    process = Process(argv=argv, location=Location("Procfile", 1, 1), kind="node", entry="cli.js", language="javascript")
    return [e.location.path for e in scan(repo, process) if e.kind == "polling"]


def test_yargs_command_chosen_by_arguments(tmp_path):
    assert _scan_args(tmp_path, ("node", "cli.js", "other")) == []


def test_yargs_nested_command_dir(tmp_path):
    assert _scan_args(tmp_path, ("node", "cli.js", "grp", "go")) == ["bot.js"]


def test_yargs_default_command_without_arguments(tmp_path):
    assert _scan_args(tmp_path, ("node", "cli.js")) == ["bot.js"]


def test_yargs_unknown_word_runs_no_handler(tmp_path):
    assert _scan_args(tmp_path, ("node", "cli.js", "$CMD")) == []


def test_subpath_imports_resolve_patterns_and_conditions(tmp_path):
    import json

    from deploylint.code.js_module import resolve
    from deploylint.discover import discover
    from conftest import write_tree

    write_tree(tmp_path, {
        "package.json": json.dumps({"imports": {
            "#lib/*": "./src/lib/*.js", "#db": {"development": "./src/db.dev.js", "node": "./src/db.js"},
            "#bad": "../outside.js"}}),
        "src/lib/bot.js": "", "src/db.js": "", "src/db.dev.js": "", "src/main.js": "",
    })
    repo = discover(tmp_path)
    assert resolve(repo, "src/main.js", "#lib/bot") == "src/lib/bot.js"
    assert resolve(repo, "src/main.js", "#db") == "src/db.js"
    assert resolve(repo, "src/main.js", "#bad") is None
    assert resolve(repo, "src/main.js", "#missing") is None


def test_local_subclass_of_a_bot_class(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const Discord = require('discord.js');
        class Base extends Discord.Client {}
        class Helper extends Base {}
        const app = new Helper({ intents: [] });
        app.login(process.env.DISCORD);
    """})
    assert found(evidence, "gateway") == [("Discord gateway (discord.js)", 5)]


def test_local_subclass_of_another_package_client(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { Client } = require('pg');
        class Ledger extends Client {}
        const app = new Ledger();
        app.start();
    """})
    assert evidence == []


def test_nest_monorepo_build_output_maps_to_project_source(tmp_path):
    import json

    from deploylint.discover import discover
    from deploylint.runners.node import source_for
    from conftest import write_tree

    write_tree(tmp_path, {
        "server/nest-cli.json": json.dumps({"monorepo": True, "projects": {
            "bot": {"type": "application", "root": "apps/bot", "entryFile": "main", "sourceRoot": "apps/bot/src"},
            "lib": {"type": "library", "root": "libs/lib", "entryFile": "index", "sourceRoot": "libs/lib/src"}}}),
        "server/apps/bot/src/main.ts": "", "server/libs/lib/src/index.ts": "",
    })
    repo = discover(tmp_path)
    assert source_for(repo, "server/dist/apps/bot/main.js")[0] == "server/apps/bot/src/main.ts"
    assert source_for(repo, "server/dist/apps/other/main.js")[0] is None


def test_this_method_in_a_bot_subclass(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const { Bot } = require('grammy');
        class Poller extends Bot { go() { this.start(); } }
        class Custom extends Bot { start() {} go() { this.start(); } }
        class Other { go() { this.start(); } start() {} }
        new Poller(process.env.T).go();
        new Custom(process.env.T).go();
        new Other().go();
    """})
    assert [line for _, line in found(evidence, "polling")] == [2]


def test_env_guarded_scheduler_and_gateway_carry_the_test(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const cron = require('node-cron');
        const { Client } = require('discord.js');
        const worker = process.env.ROLE === 'worker';
        if (worker) cron.schedule('* * * * *', () => {});
        if (!process.env.NO_DISCORD) { new Client({ intents: [] }).login(process.env.T); }
        cron.schedule('0 0 * * *', () => {});
    """})
    tests = sorted((e.kind, e.location.line, e.env_test) for e in evidence)
    assert tests == [("gateway", 5, ("NO_DISCORD", "truthy", "", False)),
                     ("scheduler", 4, ("ROLE", "==", "worker", True)),
                     ("scheduler", 6, ())]


def test_env_guard_by_and_and_early_return(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const cron = require('node-cron');
        process.env.JOBS === 'on' && cron.schedule('* * * * *', () => {});
        function jobs() {
          if (process.env.ROLE !== 'jobs') return;
          cron.schedule('0 0 * * *', () => {});
        }
        function other() {
          if (Math.random() > 2) return;
          cron.schedule('0 1 * * *', () => {});
        }
        jobs();
        other();
    """})
    tests = sorted((e.location.line, e.env_test) for e in evidence)
    assert tests == [(2, ("JOBS", "==", "on", True)), (5, ("ROLE", "==", "jobs", True)), (9, ())]


def test_raw_poller_method_name_in_a_constant_substitution(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const BASE = 'https://api.telegram.org';
        const METHOD = 'getUpdates';
        async function loop() {
          for (;;) { await fetch(`${BASE}/bot${process.env.T}/${METHOD}?timeout=30`); }
        }
        async function call(method) { return fetch(`${BASE}/bot${process.env.T}/${method}`); }
        loop();
        call('sendMessage');
    """})
    assert [line for _, line in found(evidence, "polling")] == [4]


def test_hybrid_sharding_manager_spawn_is_the_gateway(tmp_path):
    _, evidence = run(tmp_path, {"index.js": """\
        const Cluster = require('discord-hybrid-sharding');
        const manager = new Cluster.Manager('./bot.js', { token: process.env.HYB_TOKEN });
        manager.spawn({ timeout: -1 });
    """})
    (hit,) = [e for e in evidence if e.kind == "gateway"]
    assert (hit.location.line, hit.token) == (3, "HYB_TOKEN")
    assert "discord-hybrid-sharding ClusterManager" in hit.trace[-1].note


def _cli_scan(tmp_path, files, argv, entry="cli.js"):
    import textwrap

    from deploylint.code.javascript import scan
    from deploylint.discover import discover
    from deploylint.model import Location, Process
    from conftest import write_tree

    write_tree(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})
    repo = discover(tmp_path)
    process = Process(argv=argv, location=Location("Procfile", 1, 1), kind="node", entry=entry, language="javascript")
    return sorted((e.kind, e.location.line) for e in scan(repo, process) if e.kind in ("polling", "scheduler"))


INLINE = {"cli.js": """\
    const { Telegraf } = require('telegraf');
    const cron = require('node-cron');
    const yargs = require('yargs');
    yargs(process.argv.slice(2))
      .command('poll', 'run the bot', () => {}, () => new Telegraf(process.env.T).launch())
      .command(['jobs', 'j'], 'run jobs', {}, () => cron.schedule('* * * * *', () => {}))
      .parse();
"""}

COMMANDER = {"cli.js": """\
    const { program } = require('commander');
    const { Telegraf } = require('telegraf');
    program.command('bot').description('the bot').action(() => new Telegraf(process.env.T).launch());
    program.command('report <day>').action(() => console.log('report'));
    program.parse();
"""}


def test_inline_yargs_commands_follow_the_arguments(tmp_path):
    assert _cli_scan(tmp_path, INLINE, ("node", "cli.js", "j")) == [("scheduler", 6)]
    assert _cli_scan(tmp_path, INLINE, ("node", "cli.js", "poll")) == [("polling", 5)]
    assert _cli_scan(tmp_path, INLINE, ("node", "cli.js", "$ROLE")) == [("polling", 5), ("scheduler", 6)]
    assert _cli_scan(tmp_path, INLINE, ("node", "cli.js")) == [("polling", 5), ("scheduler", 6)]


def test_commander_actions_follow_the_arguments(tmp_path):
    assert _cli_scan(tmp_path, COMMANDER, ("node", "cli.js", "report", "mon")) == []
    assert _cli_scan(tmp_path, COMMANDER, ("node", "cli.js", "bot")) == [("polling", 3)]
