"""Monorepo runners (runners/workspaces.py): turbo, pnpm -r, lerna, yarn workspaces foreach."""
import json

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree

WHERE = Location("Procfile", 1, 6)


def tree(root_scripts=None, workspaces=("apps/*",), extra=None):
    root = {"name": "mono", "private": True}
    if workspaces is not None:
        root["workspaces"] = list(workspaces)
    files = {
        "package.json": json.dumps(root),
        "apps/bot/package.json": json.dumps({"name": "@m/bot", "scripts": {"start": "node bot.js"}}),
        "apps/bot/bot.js": "",
        "apps/web/package.json": json.dumps({"name": "@m/web", "scripts": {"start": "node web.js", "build": "tsc"}}),
        "apps/web/web.js": "",
        "tools/cli/package.json": json.dumps({"name": "cli", "scripts": {"start": "node cli.js"}}),
    }
    files.update(extra or {})
    return files


def run(tmp_path, files, argv):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    return analyse(Command(WHERE, argv=tuple(argv)), Context(repo)), repo


def entries(result):
    return sorted((p.entry, p.background, p.waits_for is not None) for p in result.processes if p.long_running)


def test_turbo_runs_the_task_in_every_workspace_side_by_side(tmp_path):
    result, _ = run(tmp_path, tree(), ["turbo", "run", "start"])
    assert entries(result) == [("apps/bot/bot.js", True, False), ("apps/web/web.js", True, False)]


def test_turbo_filter_by_name_and_path(tmp_path):
    result, _ = run(tmp_path, tree(), ["turbo", "start", "--filter=@m/bot"])
    assert entries(result) == [("apps/bot/bot.js", False, False)]
    result, _ = run(tmp_path, tree(), ["turbo", "run", "start", "-F", "./apps/web"])
    assert entries(result) == [("apps/web/web.js", False, False)]


def test_turbo_build_is_one_shot(tmp_path):
    result, _ = run(tmp_path, tree(), ["turbo", "run", "build"])
    assert entries(result) == []


def test_pnpm_recursive_reads_pnpm_workspace_yaml(tmp_path):
    files = tree(workspaces=None, extra={"pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - '!apps/web'\n"})
    result, _ = run(tmp_path, files, ["pnpm", "-r", "start"])
    assert entries(result) == [("apps/bot/bot.js", False, False)]


def test_lerna_run_scope(tmp_path):
    result, _ = run(tmp_path, tree(), ["lerna", "run", "start", "--scope", "@m/*"])
    assert entries(result) == [("apps/bot/bot.js", True, False), ("apps/web/web.js", True, False)]


def test_yarn_foreach_is_sequential_unless_parallel(tmp_path):
    result, _ = run(tmp_path, tree(), ["yarn", "workspaces", "foreach", "-A", "run", "start"])
    assert entries(result) == [("apps/bot/bot.js", False, False), ("apps/web/web.js", False, True)]
    result, _ = run(tmp_path, tree(), ["yarn", "workspaces", "foreach", "-Ap", "run", "start"])
    assert entries(result) == [("apps/bot/bot.js", True, False), ("apps/web/web.js", True, False)]


def test_no_workspaces_is_reported_unresolved(tmp_path):
    result, repo = run(tmp_path, tree(workspaces=None), ["turbo", "run", "start"])
    assert [f.code for f in repo.findings] == ["DPL004"]
    assert [p.kind for p in result.processes] == ["unknown"]


def test_npm_workspaces_run_one_after_another(tmp_path):
    result, _ = run(tmp_path, tree(), ["npm", "run", "start", "--workspaces"])
    assert entries(result) == [("apps/bot/bot.js", False, False), ("apps/web/web.js", False, True)]
    result, _ = run(tmp_path, tree(), ["npm", "install", "-ws"])
    assert entries(result) == []
