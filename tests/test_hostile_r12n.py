"""Hostile input against what round 12 (Node) added: Nuxt/Nitro server plugins and
nitro.config `srcDir`, Deno specifiers, re-exported library names (js_reexports), `node .`
through package.json `main`, subpath imports, constructor-injected services and
namespace spreads in Nest modules. Each input ends in a report through the real CLI
within a time bound, without a traceback. The inputs are built in tmp_path at run time."""
from __future__ import annotations

import pytest

from test_hostile import codes, report, run, write

GRAMMY = 'import { Bot } from "grammy";\nconst bot = new Bot(process.env.T);\nbot.start();\n'

CASES = {
    "nitro-srcdir-escapes": {
        "nitro.config.ts": 'export default defineNitroConfig({ srcDir: "../../etc" });\n',
        "package.json": '{"scripts": {"start": "nitro preview"}}',
        "Procfile": "web: npm start\n",
        "plugins/a.ts": "export default defineNitroPlugin(() => {});\n",
    },
    "nitro-srcdir-not-a-string": {
        "nitro.config.ts": "export default defineNitroConfig({ srcDir: [1, 2], plugins: null });\n",
        "Procfile": "web: npx nitro dev\n",
        "server/plugins/a.ts": "export default defineNitroPlugin;\n",
    },
    "nuxt-plugin-default-not-callable": {
        "nuxt.config.ts": "export default defineNuxtConfig({})\n",
        "Procfile": "web: node .output/server/index.mjs\n",
        "server/plugins/a.ts": "export default defineNitroPlugin(42);\n",
        "server/plugins/b.ts": "export default defineNitroPlugin();\n",
        "server/plugins/c.ts": "export default { nope: true };\n",
        "server/plugins/d.d.ts": "declare const x: number;\n",
    },
    "deno-specifiers-odd": {
        "Procfile": "worker: deno run -A main.ts\n",
        "deps.ts": 'export { Bot } from "npm:";\nexport { run } from "jsr:@/";\nexport * from "https://deno.land/x/";\n'
                   'export { Client } from "https://esm.sh/' + "a" * 3000 + '";\n',
        "main.ts": 'import { Bot, Client } from "./deps.ts";\nnew Bot("x").start();\nnew Client().login();\n',
    },
    "reexport-cycle": {
        "Procfile": "worker: node main.js\n",
        "package.json": '{"dependencies": {"grammy": "1"}}',
        "a.js": 'import { Bot } from "./b";\nexport { Bot };\n',
        "b.js": 'export { Bot } from "./a";\n',
        "main.js": 'import { Bot } from "./a";\nnew Bot("x").start();\n',
    },
    "node-dot-main-points-at-itself": {
        "Procfile": "worker: node .\n",
        "package.json": '{"main": "./", "imports": {"#x": "./x.js", "#x/*": ["./*.js"], "#y": {"node": 5}}}',
        "x.js": 'import "#y";\nimport "#x/../../etc";\n',
    },
    "nest-namespace-spread-of-nothing": {
        "Procfile": "worker: node main.js\n",
        "package.json": '{"dependencies": {"@nestjs/core": "10"}}',
        "main.js": 'const { NestFactory } = require("@nestjs/core");\nconst { AppModule } = require("./app");\n'
                   "NestFactory.create(AppModule);\n",
        "app.js": 'import * as Mods from "./missing";\nimport * as Self from "./app";\n'
                  "@Module({ imports: [...Object.values(Mods), ...Object.values(Self), ...Object.values()], "
                  "providers: [...Object.values(42)] })\nexport class AppModule {\n"
                  "  constructor(private readonly x: Missing, readonly y, z: AppModule) {}\n"
                  "  onModuleInit() { this.x.start(); this.y.start(); this.z.start(); }\n}\n",
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_round12_node_inputs_end_in_a_report(tmp_path, name):
    write(tmp_path, CASES[name])
    data = report(tmp_path, "--exit-zero")
    assert "DPL006" not in codes(data), data  # no analysis crash


def test_long_reexport_chain_is_bounded(tmp_path):
    """3,000 modules each re-exporting `Bot` from the next: flattening stops after a few
    nested loads (no recursion error), and the scan stays fast."""
    files = {f"m{i}.js": f'import {{ Bot }} from "./m{i + 1}";\nexport {{ Bot }};\n' for i in range(2999)}
    files["m2999.js"] = 'export { Bot } from "grammy";\n'
    files["main.js"] = 'import { Bot } from "./m0";\nnew Bot(process.env.T).start();\n'
    files["Procfile"] = "worker: node main.js\n"
    write(tmp_path, files)
    result, cpu = run(tmp_path, "--format", "json", "--exit-zero", timeout=120)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert cpu < 60


def test_reexported_class_is_found_through_two_barrels(tmp_path):
    """The positive case the bound must not cut: `export { Bot } from "grammy"` two files away."""
    write(tmp_path, {
        "lib/bot.js": 'export { Bot } from "grammy";\n',
        "lib/index.js": 'export { Bot } from "./bot";\n',
        "main.js": 'import { Bot } from "./lib";\nconst poller = new Bot(process.env.T);\npoller.start();\n',
        "docker-compose.yml": "services:\n  bot:\n    image: node:20\n    command: node main.js\n    volumes: ['.:/app']\n"
                              "    working_dir: /app\n    deploy:\n      replicas: 2\n",
    })
    assert "DPL102" in codes(report(tmp_path, "--exit-zero"))
