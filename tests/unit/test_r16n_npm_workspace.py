"""Round 16 (Node): `npm -w packages/${PACKAGE} run start` (a workspace picked by a build
argument) is only known at run time, not "a package that is not in the repository"."""
from __future__ import annotations

from conftest import write_tree
from deploylint.engine import scan


def _messages(tmp_path, cmd: str) -> list[tuple[str, str]]:
    root = write_tree(tmp_path, {
        "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}',
        "packages/api/package.json": '{"name": "api", "scripts": {"start": "node index.js"}}',
        "packages/api/index.js": "console.log('up');\n",
        "Dockerfile": f"FROM node:20\nARG PACKAGE\nENV PACKAGE=${{PACKAGE}}\nWORKDIR /app\nCOPY . .\nCMD {cmd}\n",
    })
    return [(f.code, f.message) for f in scan(str(root)).findings if f.code in ("DPL003", "DPL004")]


def test_variable_workspace_is_only_known_at_run_time(tmp_path):
    (finding,) = _messages(tmp_path, '["npm", "-w", "packages/${PACKAGE}", "run", "start"]')
    assert finding[0] == "DPL004"
    assert "packages/${PACKAGE}" in finding[1] and "only known at run time" in finding[1]
    assert "not a package" not in finding[1]


def test_missing_literal_workspace_still_named(tmp_path):
    (finding,) = _messages(tmp_path, '["npm", "-w", "packages/web", "run", "start"]')
    assert "not a package in the repository" in finding[1]


def test_existing_workspace_is_followed(tmp_path):
    assert _messages(tmp_path, '["npm", "-w", "packages/api", "run", "start"]') == []
