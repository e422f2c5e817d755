"""The command line: default command, exit codes, output formats and files, start-up cost."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import run_cli

TWICE = "web: celery -A app beat\nworker: celery -A app beat\n"
CLEAN = "web: celery -A app worker\n"


def test_default_command_is_check(tree):
    root = tree({"Procfile": TWICE})
    implicit, explicit = run_cli(str(root)), run_cli("check", str(root))
    assert implicit.returncode == explicit.returncode == 1
    assert implicit.stdout == explicit.stdout
    assert "Procfile:2:1: DPL101 [error]" in implicit.stdout


def test_current_directory_is_the_default_path(tree):
    root = tree({"Procfile": TWICE})
    assert "Procfile:2:1: DPL101" in run_cli(cwd=root).stdout


def test_exit_codes(tree):
    assert run_cli(str(tree({"Procfile": CLEAN}))).returncode == 0
    root = tree({"Procfile": TWICE})
    assert run_cli(str(root)).returncode == 1
    assert run_cli("--exit-zero", str(root)).returncode == 0
    assert run_cli("--format", "yaml", str(root)).returncode == 2  # usage error
    assert run_cli(str(root / "missing")).returncode == 2


def test_github_format(tree):
    root = tree({"Procfile": TWICE})
    result = run_cli("--format", "github", cwd=root)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=Procfile,line=2,col=1,title=DPL101::Celery beat is started by 2 processes")
    assert "%0AHow to fix: " in first  # newlines are escaped: one annotation per line
    assert result.stdout.splitlines()[-1] == "deploylint: 1 problem found"


def test_github_format_is_automatic_in_github_actions(tree):
    root = tree({"Procfile": TWICE})
    assert run_cli(cwd=root, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::error file=Procfile,")
    assert run_cli("--format", "text", cwd=root, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("Procfile:2:1:")


def test_github_levels_and_escaping(tree):
    root = tree({"Procfile": TWICE, ".deploylint.toml": 'severity = {DPL101 = "info"}\n'})
    result = run_cli("--format", "github", "--fail-on", "info", cwd=root)
    assert result.stdout.startswith("::notice file=Procfile,line=2,")
    from deploylint.report.github import _data, _property

    assert _property("a,b:c%\n") == "a%2Cb%3Ac%25%0A" and _data("50%\r\n") == "50%25%0D%0A"


def test_markdown_format(tree):
    root = tree({"Procfile": TWICE})
    out = run_cli("--format", "markdown", cwd=root).stdout
    assert out.startswith("## deploylint\n")
    assert "Found **1** problem (1 error)." in out
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Severity | Rule | Location | Message | How to fix |"
    assert len(rows) == 3 and "polling-started-twice" in rows[2] and "`Procfile:2`" in rows[2]
    assert all(row.count(" | ") == 4 for row in rows)  # no stray pipes break the table
    clean = run_cli("--format", "markdown", str(tree({"Procfile": CLEAN}))).stdout
    assert "No problems found" in clean


def test_output_file(tree, tmp_path):
    root = tree({"Procfile": TWICE})
    target = tmp_path / "report.json"
    result = run_cli("--format", "json", "--output", str(target), str(root))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(target.read_text())["findings"][0]["code"] == "DPL101"
    bad = run_cli("--output", str(tmp_path / "no" / "such" / "dir" / "x.txt"), str(root))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_text_to_a_file_has_no_colour(tree, tmp_path):
    root = tree({"Procfile": TWICE})
    run_cli("--output", str(tmp_path / "out.txt"), str(root), env={"NO_COLOR": ""})
    assert "\033[" not in (tmp_path / "out.txt").read_text()


def test_json_contract(tree):
    root = tree({"Procfile": TWICE})
    report = json.loads(run_cli("--format", "json", cwd=root).stdout)
    assert report["version"] == 1
    assert set(report["summary"]) == {"files_scanned", "errors", "warnings", "infos"}
    finding = report["findings"][0]
    assert {"code", "name", "severity", "path", "line", "column", "end_line", "end_column", "message", "hint",
            "trace"} <= set(finding)


def test_statistics(tree):
    root = tree({"Procfile": TWICE + "# deploylint: ignore[DPL303] stale\n"})
    out = run_cli("--statistics", str(root)).stdout.splitlines()
    assert out[:2] == ["    1  DPL101  polling-started-twice", "    1  DPL901  unused-suppression"]
    assert out[-1] == "Found 2 problems (1 error, 1 warning)."


def test_several_paths_each_with_its_own_config(tree):
    root = tree({"a/Procfile": TWICE, "b/Procfile": TWICE, "b/.deploylint.toml": 'ignore = ["DPL101"]\n'})
    report = json.loads(run_cli("--format", "json", "a", "b", cwd=root).stdout)
    assert [(f["root"], f["path"]) for f in report["findings"]] == [("a", "Procfile")]


def test_clean_text_scan_does_not_import_heavy_modules(tree):
    root = tree({"Procfile": CLEAN})
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "deploylint", str(root)],
                            cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    for heavy in ("jsonschema", "deploylint.report.sarif", "deploylint.report.json_report", "deploylint.rulepages",
                  "deploylint.planview", "tomllib"):
        assert heavy not in imported, f"{heavy} imported on a clean text scan"
