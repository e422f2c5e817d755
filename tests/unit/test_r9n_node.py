"""Round 9 (Node): base-image ENTRYPOINTs of node images, Nx runner, WhatsApp sessions,
Bree, computed PM2 instances through the shared JS evaluator."""
from __future__ import annotations

import json

import pytest

from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.formats import dockerfile
from deploylint.model import Command, Location

from conftest import write_tree

WHERE = Location("Procfile", 1, 6)


# -- node images: the image's own ENTRYPOINT ------------------------------------------------
@pytest.mark.parametrize("image,cmd,expected", [
    ("node:20-alpine", '["dist/main.js"]', ("node", "dist/main.js")),
    ("docker.io/library/node:lts", '["--enable-source-maps", "bot.mjs"]', ("node", "--enable-source-maps", "bot.mjs")),
    ("node@sha256:abc", '["index.cjs"]', ("node", "index.cjs")),
    ("node:20", '["npm", "start"]', ("npm", "start")),  # a command: docker-entrypoint.sh runs it as is
    ("node:20", '["./start.sh"]', ("./start.sh",)),
    ("gcr.io/distroless/nodejs20-debian12", '["server.js", "--port", "8080"]', ("node", "server.js", "--port", "8080")),
    ("cgr.dev/chainguard/node:latest", '["app/index.js"]', ("node", "app/index.js")),
    ("python:3.12", '["bot.js"]', ("bot.js",)),  # not a node image
    ("mynode:20", '["bot.js"]', ("bot.js",)),
])
def test_node_images_run_a_script_cmd_with_node(tree, image, cmd, expected):
    repo = discover(tree({"Dockerfile": f"FROM {image}\nCMD {cmd}\n"}))
    assert dockerfile.final_command(repo, "Dockerfile").command.argv == expected


def test_the_dockerfile_entrypoint_and_shell_form_are_left_alone(tree):
    repo = discover(tree({"Dockerfile": 'FROM node:20\nENTRYPOINT ["tini", "--"]\nCMD ["bot.js"]\n',
                          "b/Dockerfile": "FROM node:20\nCMD bot.js\n"}))
    assert dockerfile.final_command(repo, "Dockerfile").command.argv == ("tini", "--", "bot.js")
    assert dockerfile.final_command(repo, "b/Dockerfile").command.shell == "bot.js"


def test_the_base_image_of_a_stage_chain_is_the_first_external_one(tree):
    repo = discover(tree({"Dockerfile": 'FROM node:20 AS base\nFROM base AS run\nCMD ["main.js"]\n'}))
    assert dockerfile.final_command(repo, "Dockerfile").command.argv == ("node", "main.js")


# -- nx ---------------------------------------------------------------------------------
def nx_tree(extra=None):
    files = {
        "package.json": json.dumps({"name": "mono", "private": True, "workspaces": ["libs/*"]}),
        "apps/bot/project.json": json.dumps({"name": "bot", "targets": {
            "build": {"executor": "@nx/js:tsc", "options": {"main": "apps/bot/src/main.ts"}},
            "serve": {"executor": "@nx/js:node", "options": {"buildTarget": "bot:build"}},
            "lint": {"executor": "@nx/eslint:lint"}}}),
        "apps/bot/src/main.ts": "",
        "apps/api/project.json": json.dumps({"targets": {
            "serve": {"command": "node apps/api/server.js"},
            "jobs": {"executor": "nx:run-commands", "options": {"commands": ["node a.js", {"command": "node b.js"}],
                                                               "parallel": False}}}}),
        "apps/api/server.js": "", "a.js": "", "b.js": "",
        "libs/util/package.json": json.dumps({"name": "@m/util", "scripts": {"serve": "node util.js"}}),
        "libs/util/util.js": "",
    }
    files.update(extra or {})
    return files


def run(tmp_path, files, argv):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    return analyse(Command(WHERE, argv=tuple(argv)), Context(repo)), repo


def entries(result):
    return sorted((p.entry, p.background) for p in result.processes if p.long_running)


def test_nx_run_many_runs_the_target_of_every_project_side_by_side(tmp_path):
    result, repo = run(tmp_path, nx_tree(), ["npx", "nx", "run-many", "-t", "serve"])
    assert entries(result) == [("apps/api/server.js", True), ("apps/bot/src/main.ts", True), ("libs/util/util.js", True)]
    assert repo.findings == []


def test_nx_run_many_projects_and_exclude(tmp_path):
    result, _ = run(tmp_path, nx_tree(), ["nx", "run-many", "--target=serve", "--projects=bot,@m/*", "--exclude=@m/util"])
    assert entries(result) == [("apps/bot/src/main.ts", False)]


def test_nx_run_and_target_project_forms(tmp_path):
    for argv in (["nx", "run", "bot:serve"], ["nx", "serve", "bot"], ["nx", "run", "bot:serve:production"]):
        result, _ = run(tmp_path, nx_tree(), argv)
        assert entries(result) == [("apps/bot/src/main.ts", False)], argv


def test_nx_run_commands_in_sequence_and_finishing_targets(tmp_path):
    result, _ = run(tmp_path, nx_tree(), ["nx", "run", "api:jobs"])
    assert [p.entry for p in result.processes if p.long_running] == ["a.js", "b.js"]
    assert result.processes[1].waits_for is not None  # `parallel: false`: b after a
    result, _ = run(tmp_path, nx_tree(), ["nx", "run-many", "-t", "lint", "build"])
    assert entries(result) == []


def test_nx_unknown_project_or_executor_is_reported_not_guessed(tmp_path):
    result, repo = run(tmp_path, nx_tree(), ["nx", "run", "nope:serve"])
    assert [f.code for f in repo.findings] == ["DPL004"] and entries(result) == [(None, False)]


# -- the shared evaluator: Number()/parseInt() of optional values ------------------------
def test_number_of_an_env_default_keeps_its_options():
    from deploylint.code.js_builtins import to_number
    from deploylint.code.js_static import Unknown

    value = to_number(Unknown("process.env.N || '3'", (Unknown("process.env.N"), "3")), "Number(...)")
    assert isinstance(value, Unknown) and value.options[1] == 3
    assert to_number("12", "Number('12')") == 12
    assert isinstance(to_number("٣", "Number('٣')"), Unknown)  # not an ASCII number


# -- Dockerfile: blank lines inside a continued instruction ---------------------------------
def test_a_blank_line_inside_a_continuation_keeps_the_instruction_going(tree):
    from deploylint.formats import dockerfile_stages

    text = ('FROM alpine\nRUN apk add nginx \\\n\n # make the certificate\n && openssl req -x509 \\\n'
            '\n && echo done\nCMD ["nginx", "-g", "daemon off;"]\n')
    repo = discover(tree({"Dockerfile": text}))
    (stage,) = dockerfile_stages.stages(repo, "Dockerfile")
    assert [(i.keyword, i.location.line) for i in stage.instructions] == [("RUN", 2), ("CMD", 8)]
    assert "openssl" in stage.instructions[0].value and "echo done" in stage.instructions[0].value
    assert repo.findings == []


def test_an_unknown_instruction_after_a_finished_one_is_still_reported(tree):
    repo = discover(tree({"Dockerfile": "FROM alpine\nRUN apk add nginx\n\n&& echo done\n"}))
    dockerfile.final_command(repo, "Dockerfile")
    assert [f.code for f in repo.findings] == ["DPL002"]


def test_a_base_image_named_by_a_global_arg_is_expanded(tree):
    text = 'ARG RUNTIME=gcr.io/distroless/nodejs:18@sha256:12a8\nFROM ${RUNTIME}\nCMD ["server.js"]\n'
    repo = discover(tree({"Dockerfile": text}))
    assert dockerfile.final_command(repo, "Dockerfile").command.argv == ("node", "server.js")
