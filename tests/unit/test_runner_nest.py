"""`nest start [project]`: the Nest CLI runs the project's entry (nest-cli.json)."""
import json

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree

WHERE = Location("Procfile", 1, 6)


def run(tmp_path, files, shell):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    return analyse(Command(WHERE, shell=shell), Context(repo)), repo


def test_default_entry_is_src_main(tmp_path):
    result, repo = run(tmp_path, {"src/main.ts": "", "package.json": json.dumps({"scripts": {"start": "nest start"}})},
                       "npm start")
    (process,) = result.processes
    assert (process.kind, process.entry, process.language) == ("node", "src/main.ts", "typescript")
    assert "nest start" in process.trace[-1].note and repo.findings == []


def test_monorepo_project_and_overrides(tmp_path):
    cli = {"sourceRoot": "apps/api/src", "projects": {
        "bot": {"sourceRoot": "apps/bot/src", "entryFile": "bot"}, "api": {"sourceRoot": "apps/api/src"}}}
    files = {"nest-cli.json": json.dumps(cli), "apps/bot/src/bot.ts": "", "apps/api/src/main.ts": "", "x/run.ts": ""}
    result, _ = run(tmp_path, files, "nest start bot --watch")
    assert [p.entry for p in result.processes] == ["apps/bot/src/bot.ts"]
    result, _ = run(tmp_path, files, "nest start")
    assert [p.entry for p in result.processes] == ["apps/api/src/main.ts"]
    result, _ = run(tmp_path, files, "nest start --sourceRoot x --entryFile run")
    assert [p.entry for p in result.processes] == ["x/run.ts"]


def test_missing_entry_and_other_subcommands(tmp_path):
    result, repo = run(tmp_path, {"nest-cli.json": "{}"}, "nest start")
    assert [p.entry for p in result.processes] == [None]
    assert [f.code for f in repo.findings] == ["DPL003"]
    result, _ = run(tmp_path / "b", {"nest-cli.json": "{}"}, "nest build")
    assert [p.long_running for p in result.processes] == [False]
