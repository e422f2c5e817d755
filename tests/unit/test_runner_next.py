"""`next start|dev [dir]` and the standalone `node server.js`: the Next.js server runs the
project's instrumentation register()."""
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


def test_next_start_runs_instrumentation(tmp_path):
    files = {"package.json": json.dumps({"scripts": {"start": "next start -p 3000"}}), "src/instrumentation.ts": ""}
    result, repo = run(tmp_path, files, "npm start")
    (process,) = result.processes
    assert (process.kind, process.entry, process.variant) == ("node", "src/instrumentation.ts", "next-server")
    assert "register() of src/instrumentation.ts" in process.trace[-1].note and repo.findings == []


def test_project_directory_argument_and_root_file_first(tmp_path):
    files = {"web/instrumentation.js": "", "web/src/instrumentation.ts": ""}
    result, _ = run(tmp_path, files, "next dev web --port 4000")
    assert [p.entry for p in result.processes] == ["web/instrumentation.js"]


def test_no_instrumentation_and_one_shot_subcommands(tmp_path):
    result, repo = run(tmp_path, {"package.json": "{}"}, "next start")
    (process,) = result.processes
    assert (process.kind, process.entry) == ("node", None) and repo.findings == []
    result, _ = run(tmp_path, {}, "next build")
    assert [p.long_running for p in result.processes] == [False]


def test_standalone_server_needs_a_next_config(tmp_path):
    result, repo = run(tmp_path, {"next.config.mjs": "", "instrumentation.ts": ""}, "node server.js")
    assert [(p.entry, p.variant) for p in result.processes] == [("next.config.mjs", "next-server")]
    assert [f.code for f in repo.findings] == ["DPL003"]  # outside an image whose build writes it, it is missing
    result, repo = run(tmp_path / "plain", {"instrumentation.ts": ""}, "node server.js")
    assert [p.entry for p in result.processes] == [None]
    assert [f.code for f in repo.findings] == ["DPL003"]


def test_package_bin_paths_are_their_commands(tmp_path):
    from deploylint.runners.node import package_bin

    assert package_bin("node_modules/next/dist/bin/next") == "next"
    assert package_bin("app/node_modules/.bin/next") == "next"
    assert package_bin("node_modules/@nestjs/cli/bin/nest.js") == "nest"
    assert package_bin("node_modules/.bin/some-tool") is None  # no runner: stays a file
    assert package_bin("dist/bin/next") is None
    result, repo = run(tmp_path, {"instrumentation.js": ""}, "node node_modules/next/dist/bin/next start -p 80")
    assert [(p.entry, p.variant) for p in result.processes] == [("instrumentation.js", "next-server")]
    assert repo.findings == []


def test_project_directory_of_an_entry():
    from deploylint.runners.next import project_of

    assert project_of("next.config.mjs") == ""
    assert project_of("web/src/instrumentation.ts") == "web"
    assert project_of("apps/site/app/api/bot/route.ts") == "apps/site"
    assert project_of("src/pages/api/hook.js") == ""


def test_route_modules_are_server_files(tmp_path):
    from deploylint.runners.next import server_files

    files = {"app/api/bot/route.ts": "", "app/page.tsx": "", "src/pages/api/x.js": "", "lib/app/route.ts": "",
             "instrumentation.js": ""}
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    assert server_files(repo, "") == ("instrumentation.js", ["app/api/bot/route.ts", "src/pages/api/x.js"])
