"""discord.js ShardingManager: one manager's spawn() is the bot's gateway, once."""
from __future__ import annotations

from test_code_javascript import run, only


def test_manager_spawn_is_the_gateway(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { ShardingManager } = require('discord.js');
        const manager = new ShardingManager('./bot.js', { token: process.env.DISCORD_BOT_TOKEN, totalShards: 4 });
        manager.spawn();
    """, "bot.js": "require('discord.js');\n"})
    gateway = only(found, "gateway")
    assert gateway.family == "discord" and gateway.token == "DISCORD_BOT_TOKEN"
    assert gateway.location.line == 3


def test_manager_namespace_import_and_default_token(tmp_path):
    _, found = run(tmp_path, {"index.mjs": """\
        import Discord from "discord.js";
        const Manager = new Discord.ShardingManager("./build/index.js");
        Manager.spawn(2);
    """}, entry="index.mjs")
    assert only(found, "gateway").token == "DISCORD_TOKEN"


def test_subclass_spawns_itself(tmp_path):
    _, found = run(tmp_path, {"index.ts": """\
        import { ShardingManager } from "discord.js";
        class ShardManager extends ShardingManager {
            public constructor() {
                super("./src/Client.js", { mode: "process", totalShards: "auto" });
                this.spawn({ amount: "auto" });
            }
        }
        new ShardManager();
    """}, entry="index.ts")
    assert only(found, "gateway").location.line == 5


def test_spawn_of_something_else_is_not_a_gateway(tmp_path):
    _, found = run(tmp_path, {"index.js": """\
        const { spawn } = require('child_process');
        const { Client } = require('discord.js');
        const pool = new WorkerPool();
        pool.spawn(2);
        class Shards extends Base { constructor() { super(); this.spawn(); } }
        new Shards();
    """})
    assert [e for e in found if e.kind == "gateway"] == []
