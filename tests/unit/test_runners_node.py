"""Node runners: node/ts-node/tsx entry files, npm/yarn/pnpm/bun scripts, concurrently,
npm-run-all, pm2 and pm2-runtime."""
import json

import pytest

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree

WHERE = Location("Dockerfile", 3, 5)


def run(tmp_path, files, shell=None, argv=None):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    command = Command(WHERE, argv=tuple(argv)) if argv else Command(WHERE, shell=shell)
    return analyse(command, Context(repo)), repo


def package(**scripts):
    return json.dumps({"name": "app", "scripts": scripts}, indent=2)


def long_running(result):
    return [p for p in result.processes if p.long_running]


def test_npm_start_runs_the_start_script(tmp_path):
    result, repo = run(tmp_path, {"package.json": package(start="node server.js"), "server.js": ""}, argv=["npm", "start"])
    (process,) = result.processes
    assert (process.kind, process.entry, process.language) == ("node", "server.js", "javascript")
    assert (process.location.path, process.location.line) == ("package.json", 4)
    assert process.location.column == len('    "start": "') + 1  # inside the script's string
    assert [s.note for s in process.trace] == ["package.json script `start`: `node server.js`"]
    assert repo.findings == []


def test_npm_start_without_a_script_runs_server_js(tmp_path):
    result, _ = run(tmp_path, {"package.json": "{}", "server.js": ""}, argv=["npm", "start"])
    (process,) = result.processes
    assert process.entry == "server.js" and "node server.js" in process.trace[-1].note


@pytest.mark.parametrize("argv", [
    ["yarn", "bot"], ["yarn", "run", "bot"], ["pnpm", "bot"], ["pnpm", "run", "bot"], ["bun", "run", "bot"],
    ["npm", "run-script", "bot"], ["npm", "--prefix", ".", "run", "bot"],
])
def test_package_manager_variants(tmp_path, argv):
    result, repo = run(tmp_path, {"package.json": package(bot="ts-node src/bot.ts"), "src/bot.ts": ""}, argv=argv)
    (process,) = result.processes
    assert (process.entry, process.language) == ("src/bot.ts", "typescript")
    assert repo.findings == []


def test_bun_runs_a_file_directly(tmp_path):
    result, _ = run(tmp_path, {"bot.ts": ""}, argv=["bun", "--watch", "bot.ts"])
    assert [(p.kind, p.entry) for p in result.processes] == [("node", "bot.ts")]


def test_pre_and_post_scripts_run_once_around_the_script(tmp_path):
    files = {"package.json": package(prestart="node migrate.js", start="node bot.js", poststart="node cleanup.js"),
             "migrate.js": "", "bot.js": "", "cleanup.js": ""}
    result, _ = run(tmp_path, files, argv=["npm", "start"])
    assert [(p.entry, p.long_running) for p in result.processes] == [
        ("migrate.js", False), ("bot.js", True), ("cleanup.js", False)]


def test_concurrently_runs_both_commands_in_the_background(tmp_path):
    files = {"package.json": package(dev='concurrently -k -n api,bot "node api.js" "npm:bot"', bot="node bot.js"),
             "api.js": "", "bot.js": ""}
    result, repo = run(tmp_path, files, argv=["npm", "run", "dev"])
    api, bot = result.processes
    assert (api.entry, bot.entry) == ("api.js", "bot.js")
    assert api.background and bot.background
    assert "run in parallel by concurrently" in [s.note for s in bot.trace]
    assert repo.findings == []


def test_concurrently_as_a_start_command(tmp_path):
    result, _ = run(tmp_path, {"api.js": "", "bot.js": ""}, shell="concurrently 'node api.js' 'node bot.js'")
    api, bot = result.processes
    assert (api.entry, api.background, bot.entry, bot.background) == ("api.js", True, "bot.js", True)
    assert api.location.column == WHERE.column + len("concurrently '")


def test_run_p_globs_are_parallel_and_run_s_is_not(tmp_path):
    files = {"package.json": package(**{"start:api": "node api.js", "start:bot": "node bot.js"}), "api.js": "", "bot.js": ""}
    parallel, _ = run(tmp_path, files, argv=["run-p", "start:*"])
    assert [(p.entry, p.background) for p in parallel.processes] == [("api.js", True), ("bot.js", True)]
    sequential, _ = run(tmp_path, {}, argv=["npm-run-all", "-s", "start:api", "start:bot"])
    assert [(p.entry, p.background) for p in sequential.processes] == [("api.js", False), ("bot.js", False)]


def test_built_file_maps_to_typescript_source(tmp_path):
    files = {"tsconfig.json": '{\n  // build\n  "compilerOptions": {"outDir": "./dist", "rootDir": "./src",},\n}\n',
             "src/index.ts": ""}
    result, repo = run(tmp_path, files, argv=["node", "-r", "dotenv/config", "dist/index.js"])
    (process,) = result.processes
    assert (process.entry, process.language) == ("src/index.ts", "typescript")
    assert "dist/index.js is built from src/index.ts" in process.trace[-1].note
    assert repo.findings == []  # tsconfig comments and trailing commas are fine


def test_entry_resolution_like_node(tmp_path):
    files = {"server/index.js": "", "worker.ts": ""}
    result, repo = run(tmp_path, files, shell="node --inspect server & tsx watch worker")
    assert [p.entry for p in result.processes] == ["server/index.js", "worker.ts"]
    assert repo.findings == []


def test_missing_entry_is_dpl003(tmp_path):
    result, repo = run(tmp_path, {"bot.js": ""}, argv=["node", "bott.js"])
    (finding,) = repo.findings
    assert finding.code == "DPL003" and "bott.js" in finding.message
    assert result.processes[0].entry is None


def test_unmapped_build_output_is_dpl004(tmp_path):
    _, repo = run(tmp_path, {"package.json": "{}"}, argv=["node", "build/main.js"])
    assert [f.code for f in repo.findings] == ["DPL004"]
    assert "built file" in repo.findings[0].message


def test_unknown_script_is_dpl003(tmp_path):
    _, repo = run(tmp_path, {"package.json": package(start="node x.js"), "x.js": ""}, argv=["yarn", "run", "strat"])
    assert [f.code for f in repo.findings] in (["DPL003"], [])  # yarn runs a bin of that name when no script matches
    _, repo = run(tmp_path, {}, argv=["npm", "run", "strat"])
    (finding,) = repo.findings
    assert finding.code == "DPL003" and "`strat`" in finding.message and "`start`" in finding.hint


def test_node_eval_is_not_an_entry(tmp_path):
    result, repo = run(tmp_path, {}, argv=["node", "-e", "require('./bot')"])
    assert [(p.kind, p.entry) for p in result.processes] == [("other", None)] and repo.findings == []


def test_pm2_runtime_ecosystem_copies(tmp_path):
    files = {"ecosystem.config.js": "module.exports = { apps: [\n"
                                    "  { name: 'bot', script: 'bot.js', instances: 3, exec_mode: 'fork' },\n"
                                    "  { name: 'web', script: 'npm', args: 'start' },\n] };\n",
             "bot.js": "", "package.json": package(start="node web.js"), "web.js": ""}
    result, repo = run(tmp_path, files, argv=["pm2-runtime", "start", "ecosystem.config.js"])
    bot, web = result.processes
    assert (bot.entry, bot.copies.count, web.entry, web.copies.count) == ("bot.js", 3, "web.js", 1)
    assert "PM2 app `bot` (fork mode, instances: 3)" in [s.note for s in bot.trace]
    assert "ecosystem.config.js" in repo.consumed
    only, _ = run(tmp_path, {}, shell="pm2-runtime ecosystem.config.js --only web")
    assert [p.entry for p in only.processes] == ["web.js"]


def test_pm2_start_script_with_instances(tmp_path):
    result, _ = run(tmp_path, {"app.js": "", "bot.py": ""},
                    shell="pm2 start app.js -i 4 --name bot && pm2 start bot.py --interpreter python3 && pm2 logs")
    app, bot, logs = result.processes
    assert (app.entry, app.copies.count, app.copies.location.column) == ("app.js", 4, WHERE.column + len("pm2 start app.js -i "))
    assert "cluster mode" in app.copies.reason
    assert (bot.kind, bot.entry, bot.copies.count) == ("python-script", "bot.py", 1)
    assert not logs.long_running


def test_pm2_missing_ecosystem_is_dpl003(tmp_path):
    result, repo = run(tmp_path, {}, argv=["pm2-runtime", "start", "ecosystem.config.js"])
    assert [f.code for f in repo.findings] == ["DPL003"]
