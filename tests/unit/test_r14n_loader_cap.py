"""Round 14 (Node): a directory loader or yargs `commandDir` naming more than MAX_FILES
modules reads the ones that can lead to a fact first, and says so (DPL006) when some of
those are left out, instead of dropping everything past the first 200 in name order."""
from __future__ import annotations

from conftest import scan_json, write_tree
from deploylint.code.js_loaders import MAX_FILES

LOADER = ("const fs = require('fs');\nconst path = require('path');\n"
          "for (const file of fs.readdirSync(path.join(__dirname, 'jobs'))) {\n"
          "  require(path.join(__dirname, 'jobs', file));\n}\n")
POLLER = "const { Telegraf } = require('telegraf');\nnew Telegraf(process.env.BOT_TOKEN).launch();\n"
PLAIN = "module.exports = () => 1;\n"


def _codes(report) -> list[tuple[str, str, int]]:
    return sorted((f["code"], f["path"], f["line"]) for f in report["findings"])


def _repo(tmp_path, jobs: dict[str, str], procfile: str = "web: node index.js\nworker: node index.js\n"):
    files = {"index.js": LOADER, "Procfile": procfile,
             "package.json": '{"name": "x", "dependencies": {"telegraf": "4"}}'}
    files.update({f"jobs/{name}": text for name, text in jobs.items()})
    return write_tree(tmp_path, files)


def test_a_poller_past_the_first_files_in_name_order_is_read(tmp_path):
    jobs = {f"a{i:03}.js": PLAIN for i in range(MAX_FILES + 30)}
    jobs["zz-poller.js"] = POLLER  # sorts last
    report = scan_json(_repo(tmp_path, jobs))
    assert _codes(report) == [("DPL101", "Procfile", 2)]


def test_too_many_modules_that_name_a_fact_is_dpl006(tmp_path):
    jobs = {f"a{i:03}.js": "// uses telegraf somewhere\n" + PLAIN for i in range(MAX_FILES + 5)}
    report = scan_json(_repo(tmp_path, jobs, "worker: node index.js\n"))
    limits = [f for f in report["findings"] if f["code"] == "DPL006"]
    assert [(f["path"], f["line"]) for f in limits] == [("index.js", 4)]
    assert f"names {MAX_FILES + 5} modules" in limits[0]["message"] and "5 left out" in limits[0]["message"]


def test_at_most_max_files_reports_nothing(tmp_path):
    jobs = {f"a{i:03}.js": "// telegraf\n" + PLAIN for i in range(MAX_FILES)}
    report = scan_json(_repo(tmp_path, jobs, "worker: node index.js\n"))
    assert _codes(report) == []


def test_yargs_command_named_like_the_word_is_read_first(tmp_path):
    commands = {f"cmds/c{i:03}.js": f"exports.command = 'c{i:03}';\nexports.handler = () => {{}};\n"
                for i in range(MAX_FILES + 20)}
    commands["cmds/zbot.js"] = ("const { Telegraf } = require('telegraf');\nexports.command = 'zbot';\n"
                                "exports.handler = () => new Telegraf(process.env.T).launch();\n")
    files = {"cli.js": "require('yargs')(process.argv.slice(2)).commandDir('cmds').argv;\n",
             "Procfile": "web: node cli.js zbot\nworker: node cli.js zbot\n",
             "package.json": '{"name": "x", "dependencies": {"telegraf": "4", "yargs": "17"}}', **commands}
    assert _codes(scan_json(write_tree(tmp_path, files))) == [("DPL101", "Procfile", 2)]
