"""DPL005's unsafe fix through the CLI: a lone railway.json / railway.toml becomes the
`.railway/railway.ts` that `railway config migrate` writes (golden texts), the old file
is deleted, only with --unsafe-fixes, and never where the migration is not certain."""
from __future__ import annotations

import json
import os

import pytest

from conftest import run_cli, write_tree

WEB = "from flask import Flask\napp = Flask(__name__)\n"

GOLDEN_JSON = '''import { defineRailway, project, service } from "railway/iac";

export default defineRailway(() => {
  const web = service("mybot", {
    build: "pip install -r requirements.txt",
    start: "gunicorn app:app",
    healthcheck: "/health",
    healthcheckTimeout: 100,
    replicas: 2,
    // builder from CaC: "NIXPACKS"
    // restartPolicyType from CaC: "ON_FAILURE"
  });

  return project("mybot", {
    resources: [web],
  });
});
'''

RAILWAY_JSON = ('{\n  "$schema": "https://railway.com/railway.schema.json",\n'
                '  "build": { "builder": "NIXPACKS", "buildCommand": "pip install -r requirements.txt" },\n'
                '  "deploy": {\n    "startCommand": "gunicorn app:app",\n    "healthcheckPath": "/health",\n'
                '    "healthcheckTimeout": 100,\n    "numReplicas": 2,\n    "restartPolicyType": "ON_FAILURE"\n  }\n}\n')


def _dpl005(root, env=None):
    findings = json.loads(run_cli("--format", "json", "--exit-zero", str(root), env=env).stdout)["findings"]
    return [f for f in findings if f["code"] == "DPL005"]


def test_railway_json_migrates_to_the_cli_shape(tmp_path):
    root = write_tree(tmp_path / "mybot", {"railway.json": RAILWAY_JSON, "app.py": WEB})
    (finding,) = _dpl005(root)
    assert finding["fix"]["applicability"] == "unsafe"
    assert finding["fix"]["edits"] == [{"path": ".railway/railway.ts", "content": GOLDEN_JSON},
                                       {"path": "railway.json", "content": None}]

    assert run_cli("--diff", str(root)).stdout == ""  # a safe-only diff: nothing
    diff = run_cli("--diff", "--unsafe-fixes", cwd=root)
    assert diff.returncode == 1
    assert "--- /dev/null\n+++ b/.railway/railway.ts\n" in diff.stdout
    assert "--- a/railway.json\n+++ /dev/null\n" in diff.stdout
    assert (root / "railway.json").read_text() == RAILWAY_JSON and not (root / ".railway").exists()

    assert "fixed" not in run_cli("--fix", str(root)).stderr  # unsafe: not without --unsafe-fixes
    fixed = run_cli("--fix", "--unsafe-fixes", cwd=root)
    assert "fixed DPL005 railway.json:1" in fixed.stderr
    assert (root / ".railway" / "railway.ts").read_text() == GOLDEN_JSON
    assert not (root / "railway.json").exists()
    assert _dpl005(root) == []
    plan = run_cli("plan", str(root)).stdout
    assert "mybot: gunicorn app:app" in plan and "2 copies" in plan  # the IaC file is read back
    again = run_cli("--fix", "--unsafe-fixes", str(root))
    assert "fixed" not in again.stderr and (root / ".railway" / "railway.ts").read_text() == GOLDEN_JSON


def test_regions_and_a_nested_toml(tmp_path):
    toml = ('[deploy]\nstartCommand = "node server.js"\n'
            '[deploy.multiRegionConfig]\n"us-west2" = { numReplicas = 2 }\n"europe-west4-drams3a" = { numReplicas = 1 }\n')
    root = write_tree(tmp_path / "repo", {"backend/railway.toml": toml,
                                          "backend/server.js": "require('http').createServer().listen(3000)\n"})
    run_cli("--fix", "--unsafe-fixes", str(root))
    assert not (root / "backend" / "railway.toml").exists()
    assert (root / "backend" / ".railway" / "railway.ts").read_text() == (
        'import { defineRailway, project, service } from "railway/iac";\n\n'
        "export default defineRailway(() => {\n"
        '  const web = service("backend", {\n'
        '    start: "node server.js",\n'
        '    replicas: { "us-west2": 2, "europe-west4-drams3a": 1 },\n'
        "  });\n\n"
        '  return project("backend", {\n    resources: [web],\n  });\n});\n')


def test_one_region_keeps_the_copies(tmp_path):
    """The CLI writes `replicas: 3` and then `replicas: { "us-west2": 1 }` (the second wins:
    one copy); the fix writes the region with the file's count."""
    root = write_tree(tmp_path / "web", {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app", '
                                                         '"numReplicas": 3, "region": "us-west2"}}',
                                         "app.py": WEB})
    run_cli("--fix", "--unsafe-fixes", str(root))
    text = (root / ".railway" / "railway.ts").read_text()
    assert text.count("replicas:") == 1 and 'replicas: { "us-west2": 3 },' in text


def test_a_start_command_with_quotes_and_line_breaks_round_trips(tmp_path):
    start = 'sh -c "echo \\"hi\\" && gunicorn app:app"\u2028'
    root = write_tree(tmp_path / "web", {"railway.json": json.dumps({"deploy": {"startCommand": start}}),
                                         "app.py": WEB})
    (finding,) = _dpl005(root)
    (created, _) = finding["fix"]["edits"]
    assert "\\u2028" in created["content"] and "\u2028" not in created["content"]
    run_cli("--fix", "--unsafe-fixes", str(root))
    assert (root / ".railway" / "railway.ts").exists() and not (root / "railway.json").exists()


@pytest.mark.parametrize("files", [
    {"railway.json": '{"deploy": {"startCommand": "python job.py", "cronSchedule": "*/5 * * * *"}}'},
    {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}, '
                     '"environments": {"staging": {"deploy": {"startCommand": "gunicorn app:app --reload"}}}}'},
    {"railway.json": '{"deploy": {"numReplicas": "2"}}'},
    {"railway.json": '{"deploy": {"numReplicas": 1e309}}'},
    {"railway.json": '{"deploy": {"numReplicas": true}}'},
    {"railway.json": '{"deploy": {"startCommand": ["gunicorn", "app:app"]}}'},
    {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}}',
     "worker/railway.json": '{"deploy": {"startCommand": "python worker.py"}}'},
    {"railway.worker.json": '{"deploy": {"startCommand": "python worker.py"}}'},
    {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}}',
     "railway.toml": '[deploy]\nstartCommand = "gunicorn app:app"\n'},
    {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}}', ".railway/README.md": "later\n"},
], ids=["cron", "environments", "string-replicas", "huge-replicas", "bool-replicas", "list-start",
        "two-services", "custom-name", "json-and-toml", "railway-dir-exists"])
def test_no_fix_where_the_migration_is_not_certain(tree, files):
    root = tree({**files, "app.py": WEB})
    assert _dpl005(root) and all("fix" not in f for f in _dpl005(root))
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    run_cli("--fix", "--unsafe-fixes", str(root))
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_a_railway_dir_symlinked_out_of_the_repository_is_never_written(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = write_tree(tmp_path / "web", {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}}',
                                         "app.py": WEB})
    os.symlink(outside, root / ".railway")
    run_cli("--fix", "--unsafe-fixes", str(root))
    assert list(outside.iterdir()) == [] and (root / "railway.json").exists()


def test_a_migration_that_would_add_a_finding_is_refused(tmp_path):
    """Two copies of a polling bot: the IaC file would replicate it (DPL102, an error where
    the unread file's was a warning), so the re-check refuses the migration and says why;
    the safe fix (one copy) is written, and a second run migrates."""
    poller = "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['T'])\nbot.infinity_polling()\n"
    root = write_tree(tmp_path / "bot", {"railway.json": '{"deploy": {"startCommand": "python bot.py", "numReplicas": 2}}',
                                         "bot.py": poller})
    after_cutoff = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01: railway.json is read no more
    result = run_cli("--diff", "--unsafe-fixes", cwd=root, env=after_cutoff)
    assert "not fixed DPL005 railway.json:1: the re-check after the edit did not pass: " \
           "the edit would add DPL102 at .railway/railway.ts:6" in result.stderr
    assert '"numReplicas": 1' in result.stdout  # the safe fix stays
    # before the cutoff the file is read: DPL102 is the same error before and after the
    # migration (it moved), so both fixes pass alone; they edit one file, the safe one wins
    result = run_cli("--fix", "--unsafe-fixes", cwd=root)
    assert "fixed DPL102 railway.json:1" in result.stderr and "not fixed DPL005 railway.json:1: it conflicts" in result.stderr
    again = run_cli("--fix", "--unsafe-fixes", cwd=root)
    assert "fixed DPL005 railway.json:1" in again.stderr
    assert "replicas: 1," in (root / ".railway" / "railway.ts").read_text()


def test_a_finding_of_the_deleted_file_may_move_with_its_settings(tmp_path):
    """The start command replaces the Dockerfile's CMD: DPL107 on railway.json (read no
    more) becomes DPL107 on the Dockerfile once .railway/railway.ts sets it again: the same
    finding, moved; the migration is written."""
    root = write_tree(tmp_path / "web", {"railway.json": '{"deploy": {"startCommand": "gunicorn app:app"}}',
                                         "Dockerfile": 'FROM python:3.12\nCOPY . .\nCMD ["python", "other.py"]\n',
                                         "app.py": WEB, "other.py": "print(1)\n"})
    after_cutoff = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01: railway.json is read no more
    before = json.loads(run_cli("--format", "json", "--exit-zero", str(root), env=after_cutoff).stdout)["findings"]
    assert ("DPL107", "railway.json") in {(f["code"], f["path"]) for f in before}
    fixed = run_cli("--fix", "--unsafe-fixes", "--format", "json", "--exit-zero", cwd=root, env=after_cutoff)
    assert "fixed DPL005" in fixed.stderr
    after = {(f["code"], f["path"]) for f in json.loads(fixed.stdout)["findings"]}
    assert ("DPL107", "Dockerfile") in after and not (root / "railway.json").exists()
