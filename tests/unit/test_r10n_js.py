"""Round 10 (Node): env tests through config values, per-request starts, computed requires."""
from __future__ import annotations

import textwrap

import pytest

from conftest import write_tree
from deploylint.code import js_values
from deploylint.code.js_expr import env_test
from deploylint.code.js_module import descendants, load
from deploylint.code.js_reach import Program
from deploylint.discover import discover


def _write(tmp_path, files: dict[str, str]):
    return discover(write_tree(tmp_path, {name: textwrap.dedent(text) for name, text in files.items()}))


def _condition(module):
    node = next(n for n in descendants(module.root) if n.type == "if_statement")
    return node.child_by_field_name("condition")


@pytest.mark.parametrize("source, expected", [
    ("const config = { hook: process.env.MODE === 'webhook' };\nif (config.hook) {}", ("MODE", "==", "webhook", True)),
    ("const config = { poll: process.env.NODE_ENV !== 'production' };\nif (!config.poll) {}",
     ("NODE_ENV", "==", "production", True)),
    ("const cfg = { url: process.env.WEBHOOK_URL };\nif (cfg['url']) {}", ("WEBHOOK_URL", "truthy", "", True)),
    ("const config = { a: process.env.A === 'x' && process.env.B };\nif (config.a) {}", None),
    ("const config = load();\nif (config.hook) {}", None),
    ("if (ctx.options.webhook) {}", None),
    ("const env = cleanEnv(process.env, {});\nif (env.BOT_MODE === 'webhook') {}", ("BOT_MODE", "==", "webhook", True)),
    ("const env = Schema.parse(process.env);\nif (!env.USE_POLLING) {}", ("USE_POLLING", "truthy", "", False)),
    ("const env = Schema.parse(other);\nif (env.USE_POLLING) {}", None),
])
def test_env_test_through_local_config(tmp_path, source, expected):
    repo = _write(tmp_path, {"index.js": source})
    module = load(repo, "index.js")
    assert env_test(module, _condition(module)) == expected


def test_env_test_through_config_module(tmp_path):
    repo = _write(tmp_path, {
        "config.js": "module.exports = { bot: { webhook: process.env.USE_WEBHOOK === 'yes' } };\n",
        "esm.js": "export const polling = process.env.NODE_ENV !== 'production';\n",
        "index.js": """\
            const config = require('./config');
            import { polling } from './esm.js';
            if (config.bot.webhook) {}
            if (polling) {}
            """,
    })
    program = Program(repo, "index.js")
    module = program.module("index.js")
    first, second = [n.child_by_field_name("condition") for n in descendants(module.root) if n.type == "if_statement"]
    assert js_values.env_test(program, module, first) == ("USE_WEBHOOK", "==", "yes", True)
    assert js_values.env_test(program, module, second) == ("NODE_ENV", "==", "production", False)
    assert env_test(module, first) is None  # without the program: not followed across modules


def test_env_test_through_parsed_env_module(tmp_path):
    repo = _write(tmp_path, {
        "env.ts": "export const env = EnvSchema.parse(process.env);\n",
        "index.ts": "import { env } from './env';\nif (env.BOT_MODE === 'webhook') {}\n",
    })
    program = Program(repo, "index.ts")
    module = program.module("index.ts")
    assert js_values.env_test(program, module, _condition(module)) == ("BOT_MODE", "==", "webhook", True)


def _requests(tmp_path, source: str) -> dict[int, str]:
    """{first line of each function unit: its request tag} for index.js."""
    repo = _write(tmp_path, {"index.js": source})
    program = Program(repo, "index.js")
    return {u.node.start_point[0] + 1: u.request for u in program.units if u.node.type != "program"}


def test_route_callbacks_are_request_units(tmp_path):
    found = _requests(tmp_path, """\
        const http = require('http');
        const app = require('express')();
        const router = require('express').Router();
        app.post('/start', (req, res) => { launch(); });
        router.route(`/orders`).get(function (req, res) {});
        app.use('/admin', (req, res, next) => next());
        http.createServer((req, res) => res.end()).listen(8080);
        app.listen(3000, () => console.log('up'));
        bot.command('start', (ctx) => ctx.reply('hi'));
        app.get(handlerPath, (req, res) => {});
        function launch() {}
        app.get('/', (req, res) => {});
        app.all('*', (req, res) => {});
        app.get('/api/healthz', (req, res) => {});
        """)
    assert found[4] == "`POST /start`"
    assert found[5] == "`GET /orders`"
    assert found[6] == "`/admin` requests"
    assert found[7] == ""  # every request's listener: runs in each copy as soon as it serves (counted)
    assert found[11] == "`POST /start`"  # called only from the handler
    assert found[8] == "" and found[9] == "" and found[10] == ""  # listen callback, bot handler, unknown path
    assert found[12] == "" and found[13] == "" and found[14] == ""  # every request's, a health check


def test_function_called_at_start_up_and_in_a_handler_is_start_up(tmp_path):
    found = _requests(tmp_path, """\
        const app = require('express')();
        app.post('/restart', async () => { await connect(); });
        app.listen(3000, () => connect());
        async function connect() {}
        """)
    assert found[2] == "`POST /restart`"
    assert found[4] == ""


@pytest.mark.parametrize("argument, expected", [
    ("path.join(__dirname, 'lib', 'bot')", "./lib/bot"),
    ("path.resolve(__dirname, '..', 'shared/cron')", "../shared/cron"),
    ("`${__dirname}/workers/poller.js`", "./workers/poller.js"),
    ("`./${NAME}.js`", "./jobs.js"),
    ("path.resolve('src/bot')", None),  # relative to the working directory, not the file
    ("file", None),
    ("`./commands/${f}`", None),
])
def test_computed_require(tmp_path, argument, expected):
    from deploylint.code.js_expr import source_of

    repo = _write(tmp_path, {"src/index.js": f"const path = require('path');\nconst NAME = 'jobs';\nrequire({argument});\n"})
    module = load(repo, "src/index.js")
    call = [n for n in descendants(module.root) if n.type == "call_expression"
            and n.child_by_field_name("function").text == b"require"][-1]
    assert source_of(module, call) == expected


@pytest.mark.parametrize("text, specs, dynamic", [
    ("require(path.join(__dirname, 'lib', 'bot'))", ["./lib/bot"], False),
    ("await import(path.resolve(__dirname, '../x'))", ["../x"], False),
    ("require(`${__dirname}/cron`)", ["./cron"], False),
    ("for (const f of files) require(`./commands/${f}`)", [], True),
    ("const c = require(configPath)", [], True),
    ("const a = require('a'); import b from './b'", ["./b", "a"], False),
])
def test_relevance_reads_computed_requires(text, specs, dynamic):
    from deploylint.code.js_relevance import _specifiers

    found, computed = _specifiers(text)
    assert [s for s in found if "${" not in s] == specs or sorted(s for s in found if "${" not in s) == sorted(specs)
    assert computed is dynamic


def test_container_bindings(tmp_path):
    from deploylint.code.js_di import _bound_class

    repo = _write(tmp_path, {"c.ts": """\
        container.bind<IBot>(TYPES.Bot).to(TelegramBot);
        container.bind(Scheduler).toSelf();
        container.bind<IApi>( TYPES . Api ).to( ApiServer );
        """})
    module = load(repo, "c.ts")
    assert _bound_class(module, "TYPES.Bot") == "TelegramBot"
    assert _bound_class(module, "TYPES.Api") == "ApiServer"
    assert _bound_class(module, "Scheduler") == "Scheduler"
    assert _bound_class(module, "TYPES.Missing") is None


def test_container_resolve_by_class(tmp_path):
    repo = _write(tmp_path, {
        "worker.js": "export class Worker { run() { this.go(); } }\nexport class Other { run() {} }\n",
        "index.js": """\
            import { container } from 'tsyringe';
            import { Worker } from './worker.js';
            const worker = container.resolve(Worker);
            worker.run();
            """,
    })
    program = Program(repo, "index.js")
    module = program.module("index.js")
    obj = next(n for n in descendants(module.root) if n.type == "identifier" and n.text == b"worker"
               and n.parent.type == "member_expression")
    from deploylint.code.js_di import class_methods

    methods = class_methods(program, module, obj, "run")
    assert [(m.path, n.start_point[0]) for m, n in methods] == [("worker.js", 0)]
