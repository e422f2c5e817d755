"""JS/TS reach (issue 8): values read from other modules, repo objects that hold or shadow a
bot, programs the code starts itself, and objects NestJS creates."""
from __future__ import annotations

import textwrap

from deploylint.code import children_for, evidence_for
from deploylint.code.javascript import scan
from deploylint.discover import discover
from deploylint.model import Location, Process
from conftest import write_tree


def repo_of(tmp_path, files):
    write_tree(tmp_path, {name: textwrap.dedent(text) for name, text in files.items()})
    return discover(tmp_path)


def process(entry: str, variant: str = "", cwd: str = "") -> Process:
    language = "typescript" if entry.endswith(".ts") else "javascript"
    return Process(argv=("node", entry), location=Location("Procfile", 1, 1), kind="node", entry=entry,
                   language=language, variant=variant, cwd=cwd)


def found(tmp_path, files, entry="index.js", variant=""):
    repo = repo_of(tmp_path, files)
    return sorted((e.kind, e.singleton, e.location.path, e.location.line) for e in scan(repo, process(entry, variant)))


def where(evidence):
    return [(kind, path, line) for kind, _, path, line in evidence]


# -- values across modules ---------------------------------------------------------------------
NTBA = "const TelegramBot = require('node-telegram-bot-api');\n"


def test_options_from_a_commonjs_config_module(tmp_path):
    evidence = found(tmp_path, {
        "config.js": "module.exports = { token: process.env.BOT_TOKEN, bot: { polling: true } };\n",
        "index.js": NTBA + "const config = require('./config');\nconst bot = new TelegramBot(config.token, config.bot);\n",
    })
    assert where(evidence) == [("polling", "index.js", 3)]
    repo = discover(tmp_path)
    assert [e.token for e in scan(repo, process("index.js"))] == ["BOT_TOKEN"]


def test_webhook_options_from_a_config_module_are_not_polling(tmp_path):
    evidence = found(tmp_path, {
        "config.js": "module.exports = { bot: { webHook: { port: 8443 } } };\n",
        "index.js": NTBA + "const config = require('./config');\nconst bot = new TelegramBot(token, config.bot);\n",
    })
    assert where(evidence) == [("webhook", "index.js", 3)]


def test_es_default_export_and_destructured_require(tmp_path):
    evidence = found(tmp_path, {
        "config.ts": "const polling = true;\nexport default { bot: { polling } };\n",
        "settings.js": "module.exports = { options: { polling: { interval: 300 } } };\n",
        "index.ts": "import TelegramBot from 'node-telegram-bot-api';\nimport config from './config';\n"
                    "const { options } = require('./settings');\n"
                    "const a = new TelegramBot(process.env.A!, config.bot);\nconst b = new TelegramBot(process.env.B!, options);\n",
    }, entry="index.ts")
    assert where(evidence) == [("polling", "index.ts", 4), ("polling", "index.ts", 5)]


def test_re_exports_star_and_named(tmp_path):
    evidence = found(tmp_path, {
        "config/base.ts": "export const bot = { polling: true };\nexport const hook = { polling: false };\n",
        "config/named.ts": "export { hook as quiet } from './base';\n",
        "config/index.ts": "export * from './base';\nexport * from './named';\n",
        "index.ts": "import TelegramBot from 'node-telegram-bot-api';\nimport { bot, quiet } from './config';\n"
                    "new TelegramBot(t, bot);\nnew TelegramBot(t, quiet);\n",
    }, entry="index.ts")
    assert where(evidence) == [("polling", "index.ts", 3)]


def test_telegraf_launch_options_from_config_module(tmp_path):
    files = {
        "config.js": "module.exports = { launch: { webhook: { domain: process.env.DOMAIN, port: 8080 } } };\n",
        "index.js": "const { Telegraf } = require('telegraf');\nconst config = require('./config');\n"
                    "const bot = new Telegraf(process.env.BOT_TOKEN);\nbot.launch(config.launch);\n",
    }
    assert where(found(tmp_path, files)) == [("webhook", "index.js", 4)]


# -- objects holding a bot, and repo functions named like the library's ---------------------------
TELEGRAF = "const { Telegraf } = require('telegraf');\n"


def test_bot_held_by_this_in_constructor_launched_by_called_method(tmp_path):
    body = TELEGRAF + textwrap.dedent("""\
        class App {
          constructor(token) { this.bot = new Telegraf(token); }
          run() { this.bot.launch(); }
        }
        const app = new App(process.env.BOT_TOKEN);
    """)
    assert where(found(tmp_path / "a", {"index.js": body + "app.run();\n"})) == [("polling", "index.js", 4)]
    assert found(tmp_path / "b", {"index.js": body}) == []  # run() is never called


def test_class_field_bot_launched_in_method(tmp_path):
    evidence = found(tmp_path, {"index.ts": textwrap.dedent("""\
        import { Telegraf } from 'telegraf';
        export class Service {
          private bot = new Telegraf(process.env.BOT_TOKEN!);
          start() { this.bot.launch(); }
        }
        new Service().start();
    """)}, entry="index.ts")
    assert where(evidence) == [("polling", "index.ts", 4)]


def test_bot_created_in_one_module_launched_in_another(tmp_path):
    evidence = found(tmp_path, {
        "bot.ts": "import { Telegraf } from 'telegraf';\nexport const bot = new Telegraf(process.env.T!);\n",
        "index.ts": "import { bot } from './bot';\nbot.launch();\n",
    }, entry="index.ts")
    assert where(evidence) == [("polling", "index.ts", 2)]


def test_repo_functions_named_launch_or_start_are_not_the_library(tmp_path):
    evidence = found(tmp_path, {
        "server.js": "function start() { console.log('http'); }\nmodule.exports = { start };\n",
        "index.js": TELEGRAF + textwrap.dedent("""\
            const bot = new Telegraf(process.env.BOT_TOKEN);
            const server = require('./server');
            const tasks = { launch() { return 1; } };
            class Runner { launch() { return 2; } }
            const runner = new Runner();
            function launch() { return 3; }
            launch();
            tasks.launch();
            runner.launch();
            server.start();
        """),
    })
    assert evidence == []


def test_subclass_of_the_library_still_polls(tmp_path):
    evidence = found(tmp_path, {"index.js": TELEGRAF + textwrap.dedent("""\
        class MyBot extends Telegraf { greet() {} }
        const bot = new MyBot(process.env.BOT_TOKEN);
        bot.launch();
    """)})
    assert where(evidence) == [("polling", "index.js", 4)]


# -- programs the code starts --------------------------------------------------------------------
def children(tmp_path, files, entry="index.js", variant=""):
    repo = repo_of(tmp_path, files)
    return repo, children_for(repo, process(entry, variant))


def test_fork_spawn_exec_execfile_and_worker(tmp_path):
    files = {name: "console.log(1);\n" for name in ("a.js", "workers/b.js", "c.js", "d.js", "e.js", "f.js")}
    files["index.js"] = textwrap.dedent("""\
        const cp = require('child_process');
        const path = require('path');
        const { Worker } = require('worker_threads');
        cp.fork('./a.js');
        cp.spawn('node', [path.join(__dirname, 'workers', 'b.js')], { stdio: 'inherit' });
        cp.exec('node c.js');
        cp.execFile(process.execPath, ['d.js']);
        new Worker(`${__dirname}/e.js`);
        cp.spawn('node f.js', { shell: true });
    """)
    _, started = children(tmp_path, files)
    assert [(p.entry, p.location.line) for p in started] == [
        ("a.js", 4), ("workers/b.js", 5), ("c.js", 6), ("d.js", 7), ("e.js", 8), ("f.js", 9)]
    assert all(p.spawned and p.trace[-1].location.line == p.location.line for p in started)
    assert "starts a child process" in started[0].trace[-1].note and started[0].spawned.startswith("child `node")


def test_npm_script_spawned_in_a_directory(tmp_path):
    files = {
        "apps/bot/package.json": '{"scripts": {"start": "node bot.js"}}',
        "apps/bot/bot.js": TELEGRAF + "new Telegraf(process.env.T).launch();\n",
        "index.js": "const { spawn } = require('child_process');\nconst path = require('path');\n"
                    "spawn('npm', ['start'], { cwd: path.join(__dirname, 'apps/bot') });\n",
    }
    repo, started = children(tmp_path, files)
    assert [p.entry for p in started] == ["apps/bot/bot.js"]
    assert [e.kind for e in evidence_for(repo, started[0])] == ["polling"]


def test_restart_handler_and_unknown_commands_are_not_new_programs(tmp_path):
    files = {
        "bot.js": "console.log(1);\n",
        "index.js": textwrap.dedent("""\
            const { fork, spawn } = require('child_process');
            function start() {
              const child = fork('./bot.js');
              child.on('exit', () => fork('./bot.js'));
              child.on('close', start);
            }
            start();
            spawn(process.env.CMD, []);
            fork('./missing.js');
        """),
    }
    _, started = children(tmp_path, files)
    assert [(p.entry, p.location.line) for p in started] == [("bot.js", 3)]


def test_cluster_fork_runs_the_entry_as_a_worker_variant(tmp_path):
    files = {"index.js": TELEGRAF + textwrap.dedent("""\
        const cluster = require('cluster');
        const os = require('os');
        const bot = new Telegraf(process.env.T);
        if (cluster.isPrimary) {
          for (let i = 0; i < os.cpus().length; i++) cluster.fork();
          bot.launch();
        } else {
          require('http').createServer().listen(3000);
        }
    """)}
    repo, started = children(tmp_path, files)
    assert [(p.entry, p.variant, p.copies.count, p.copies.assumed) for p in started] == [("index.js", "cluster-worker", 2, True)]
    assert [e.kind for e in evidence_for(repo, process("index.js"))] == ["polling"]
    assert evidence_for(repo, started[0]) == []  # the worker takes the else branch


def test_cluster_literal_loop_and_early_return(tmp_path):
    files = {"index.js": TELEGRAF + textwrap.dedent("""\
        const cluster = require('node:cluster');
        function main() {
          if (cluster.isMaster) {
            for (let i = 0; i < 3; i++) cluster.fork();
            return;
          }
          new Telegraf(process.env.T).launch();
        }
        main();
    """)}
    repo, started = children(tmp_path, files)
    assert [(p.variant, p.copies.count) for p in started] == [("cluster-worker", 3)]
    assert evidence_for(repo, process("index.js")) == []
    assert [e.kind for e in evidence_for(repo, started[0])] == ["polling"]


def test_worker_thread_of_the_same_file(tmp_path):
    files = {"index.js": TELEGRAF + textwrap.dedent("""\
        const { Worker, isMainThread } = require('worker_threads');
        if (isMainThread) {
          new Worker(__filename);
        } else {
          new Telegraf(process.env.T).launch();
        }
    """)}
    repo, started = children(tmp_path, files)
    assert [p.variant for p in started] == ["worker-thread"]
    assert evidence_for(repo, process("index.js")) == []
    assert [e.kind for e in evidence_for(repo, started[0])] == ["polling"]


# -- NestJS --------------------------------------------------------------------------------------
MAIN = textwrap.dedent("""\
    import { NestFactory } from '@nestjs/core';
    import { AppModule } from './app.module';
    async function bootstrap() {
      const app = await NestFactory.create(AppModule);
      await app.listen(3000);
    }
    bootstrap();
""")


def nest(tmp_path, module: str, extra=None):
    files = {"src/main.ts": MAIN, "src/app.module.ts": module, **(extra or {})}
    return found(tmp_path, files, entry="src/main.ts")


def test_nest_provider_lifecycle_hook_launches_bot(tmp_path):
    evidence = nest(tmp_path, textwrap.dedent("""\
        import { Module } from '@nestjs/common';
        import { BotModule } from './bot/bot.module';
        @Module({ imports: [forwardRef(() => BotModule)] })
        export class AppModule {}
    """), {
        "src/bot/bot.module.ts": "import { Module } from '@nestjs/common';\nimport { BotService } from './bot.service';\n"
                                 "@Module({ providers: [BotService] })\nexport class BotModule {}\n",
        "src/bot/bot.service.ts": textwrap.dedent("""\
            import { Injectable, OnModuleInit } from '@nestjs/common';
            import { Telegraf } from 'telegraf';
            @Injectable()
            export class BotService implements OnModuleInit {
              private readonly bot: Telegraf;
              constructor() { this.bot = new Telegraf(process.env.BOT_TOKEN!); }
              async onModuleInit() { await this.bot.launch(); }
              stop() { this.bot.stop(); }
            }
        """),
    })
    assert where(evidence) == [("polling", "src/bot/bot.service.ts", 7)]


def test_nest_provider_not_in_the_graph_does_not_run(tmp_path):
    evidence = nest(tmp_path, "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n", {
        "src/unused.service.ts": "import { Telegraf } from 'telegraf';\nexport class Unused {\n"
                                 "  onModuleInit() { new Telegraf('x').launch(); }\n}\n",
    })
    assert evidence == []


def test_nestjs_telegraf_for_root_variants(tmp_path):
    def module(options: str) -> str:
        return ("import { Module } from '@nestjs/common';\nimport { TelegrafModule } from 'nestjs-telegraf';\n"
                f"@Module({{ imports: [TelegrafModule.forRoot({options})] }})\nexport class AppModule {{}}\n")

    polling = nest(tmp_path / "a", module("{ token: process.env.BOT_TOKEN }"))
    assert [(k, s) for k, s, _, _ in polling] == [("polling", "Telegram polling (nestjs-telegraf)")]
    hooked = nest(tmp_path / "b", module("{ token: t, launchOptions: { webhook: { domain: d, hookPath: '/bot' } } }"))
    assert [k for k, *_ in hooked] == ["webhook"]
    assert nest(tmp_path / "c", module("{ token: t, launchOptions: false }")) == []
    chosen = nest(tmp_path / "d", module("{ token: t, launchOptions: { ...(process.env.PROD && { webhook: { domain: d } }) } }"))
    assert sorted(k for k, *_ in chosen) == ["polling-fallback", "webhook"]


def test_nestjs_telegraf_for_root_async_factory_and_class(tmp_path):
    factory = nest(tmp_path / "a", textwrap.dedent("""\
        import { Module } from '@nestjs/common';
        import { TelegrafModule } from 'nestjs-telegraf';
        import { ConfigService } from '@nestjs/config';
        @Module({ imports: [TelegrafModule.forRootAsync({ inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ token: config.get('TELEGRAM_TOKEN') }) })] })
        export class AppModule {}
    """))
    assert [k for k, *_ in factory] == ["polling"]
    repo = discover(tmp_path / "a")
    assert [e.token for e in scan(repo, process("src/main.ts"))] == ["TELEGRAM_TOKEN"]
    options_class = nest(tmp_path / "b", textwrap.dedent("""\
        import { Module } from '@nestjs/common';
        import { TelegrafModule } from 'nestjs-telegraf';
        class Options { createTelegrafOptions() { return { token: 't', launchOptions: { webhook: { domain: 'x' } } }; } }
        @Module({ imports: [TelegrafModule.forRootAsync({ useClass: Options })] })
        export class AppModule {}
    """))
    assert [k for k, *_ in options_class] == ["webhook"]


def test_grammy_nest_module_and_config_import(tmp_path):
    module = textwrap.dedent("""\
        import { Module } from '@nestjs/common';
        import { NestjsGrammyModule } from '@grammyjs/nestjs';
        import settings from './settings';
        @Module({ imports: [NestjsGrammyModule.forRoot(settings.grammy)] })
        export class AppModule {}
    """)
    polling = nest(tmp_path / "a", module, {"src/settings.ts": "export default { grammy: { token: 't' } };\n"})
    assert [(k, s) for k, s, _, _ in polling] == [("polling", "Telegram polling (@grammyjs/nestjs)")]
    hooked = nest(tmp_path / "b", module, {"src/settings.ts": "export default { grammy: { token: 't', useWebhook: true } };\n"})
    assert [k for k, *_ in hooked] == ["webhook"]


def test_nest_dynamic_module_from_repo_for_root(tmp_path):
    evidence = nest(tmp_path, textwrap.dedent("""\
        import { Module } from '@nestjs/common';
        import { BotModule } from './bot.module';
        @Module({ imports: [BotModule.forRoot()] })
        export class AppModule {}
    """), {
        "src/bot.module.ts": textwrap.dedent("""\
            import { Module } from '@nestjs/common';
            import { Bot } from 'grammy';
            class Poller { onApplicationBootstrap() { new Bot(process.env.T!).start(); } }
            @Module({})
            export class BotModule {
              static forRoot() { return { module: BotModule, providers: [Poller] }; }
            }
        """),
    })
    assert where(evidence) == [("polling", "src/bot.module.ts", 3)]


def test_self_referencing_values_and_spreads_terminate(tmp_path):
    evidence = nest(tmp_path, textwrap.dedent("""\
        import { Module } from '@nestjs/common';
        import { TelegrafModule } from 'nestjs-telegraf';
        const a = [...b];
        const b = [...a, Other];
        let options = options.bot;
        @Module({ imports: [...a, TelegrafModule.forRoot(options)], providers: [...b] })
        export class AppModule {}
    """), {"src/cycle.js": "const x = require('./cycle');\nmodule.exports = { bot: x.bot };\n"})
    assert [k for k, *_ in evidence] == ["polling"]


def test_many_spawns_are_capped(tmp_path):
    files = {"bot.js": "console.log(1);\n",
             "index.js": "const { fork } = require('child_process');\n" + "fork('./bot.js');\n" * 200}
    _, started = children(tmp_path, files)
    assert len(started) == 20


def test_tsconfig_path_aliases_and_base_url_imports(tmp_path):
    evidence = found(tmp_path, {
        "tsconfig.json": '{ "compilerOptions": { "baseUrl": "./", "paths": { "@bot/*": ["src/bot/*"] } } }',
        "src/bot/bot.ts": "import { Telegraf } from 'telegraf';\nexport const bot = new Telegraf(process.env.T!);\n",
        "src/bot/start.ts": "import { bot } from '@bot/bot';\nexport function start() { bot.launch(); }\n",
        "src/main.ts": "import { start } from 'src/bot/start';\nimport express from 'express';\nstart();\n",
    }, entry="src/main.ts")
    assert where(evidence) == [("polling", "src/bot/start.ts", 2)]


def test_alias_that_is_not_a_repo_file_stays_a_package(tmp_path):
    evidence = found(tmp_path, {
        "tsconfig.json": '{ "compilerOptions": { "baseUrl": "./" } }',
        "src/main.ts": "import puppeteer from 'puppeteer';\npuppeteer.launch();\n",
    }, entry="src/main.ts")
    assert evidence == []
