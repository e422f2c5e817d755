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
