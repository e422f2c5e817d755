"""Dockerfile stages: the final stage stays a deployment when compose builds another
stage; what RUN steps create is not a missing file."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats import all_targets, dockerfile
from deploylint.formats.docker_build import built_by

STAGED = ("FROM python:3.12 AS base\nWORKDIR /app\nCOPY . .\n"
          "FROM base AS dev\nCMD [\"python\", \"dev.py\"]\n"
          "FROM base AS prod\nCMD [\"python\", \"bot.py\"]\n")


def targets(tree, compose_build: str):
    repo = discover(tree({"Dockerfile": STAGED, "bot.py": "", "dev.py": "",
                          "compose.yml": f"services:\n  app:\n    build:\n{compose_build}"}))
    return {t.platform: t for t in all_targets(repo)}, repo


def test_compose_dev_target_leaves_the_final_stage_a_target(tree):
    found, repo = targets(tree, "      context: .\n      target: dev\n")
    assert "Dockerfile" not in repo.consumed
    app = found["compose"].launches[0]
    assert app.command.argv == ("python", "dev.py") and "stage `dev`" in app.label
    final = found["docker"].launches[0]
    assert final.command.argv == ("python", "bot.py")
    assert "the final stage `prod`, which `docker build` produces" in final.label


def test_compose_building_the_final_stage_consumes_the_dockerfile(tree):
    for build in ("      context: .\n", "      context: .\n      target: prod\n", "      context: .\n      target: '2'\n"):
        found, repo = targets(tree, build)
        assert "Dockerfile" in repo.consumed, build
        assert found["compose"].launches[0].command.argv == ("python", "bot.py")


def _built(tree, text):
    repo = discover(tree({"Dockerfile": text}))
    return built_by(dockerfile.stages(repo, "Dockerfile"))


def test_build_tools_create_javascript(tree):
    assert "*.js" in _built(tree, "FROM node:20\nRUN npm ci && npm run build\nCMD [\"node\", \"server.js\"]\n")
    assert "*.js" in _built(tree, "FROM node:20\nRUN npx tsc -p .\n")
    assert "*.js" not in _built(tree, "FROM node:20\nRUN npm ci --omit=dev\n")


def test_files_a_run_step_writes(tree):
    made = _built(tree, "FROM alpine\nRUN echo hi > /app/run.sh && touch /app/ready.txt\n"
                        "RUN cp /src/conf.example /etc/app.conf\nRUN curl -fsSL https://x/y -o /usr/local/bin/tool.sh\n"
                        "RUN make 2>/dev/null >/dev/null\n")
    assert {"*run.sh", "*ready.txt", "*app.conf", "*tool.sh"} <= set(made)
    assert not any("null" in p for p in made)
