"""The GitHub Action's shell steps, run locally with bash and a simulated GITHUB_*
environment: inputs as the runner passes them (INPUT_* variables from the step's `env`),
outputs, job summary and annotations read back from the files and the log."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_tree

PROJECT = Path(__file__).resolve().parent.parent
POLLER = "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['T'])\nbot.infinity_polling()\n"

if shutil.which("bash") is None:  # pragma: no cover
    pytest.skip("needs bash", allow_module_level=True)


def action():
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((PROJECT / "action.yml").read_text())


def step(name: str) -> dict:
    return next(s for s in action()["runs"]["steps"] if s.get("id") == name or s.get("name") == name)


def run_step(name: str, inputs: dict, tmp_path: Path, cwd: Path) -> tuple[subprocess.CompletedProcess, dict, str]:
    spec = action()
    values = {key: str(item.get("default", "")) for key, item in spec["inputs"].items()}
    values.update(inputs)
    chosen = step(name)
    assert "${{" not in chosen["run"]  # inputs reach the script through env only, never spliced in
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    for key, value in chosen.get("env", {}).items():
        env[key] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], str(value))
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text("")
    summary.write_text("")
    env.update({"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(tmp_path),
                "GITHUB_ACTIONS": "true", "NO_COLOR": "1",
                # the action puts its virtualenv on PATH; here: the environment running the tests
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"})
    result = subprocess.run(["bash", "-e", "-c", chosen["run"]], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return result, outputs, summary.read_text()


def test_action_reports_sarif_summary_annotations_and_outputs(tmp_path):
    repo = write_tree(tmp_path / "my app", {"Procfile": "web: python bot.py\nworker: python bot.py\n",
                                            "bot.py": POLLER})
    result, outputs, summary = run_step("run", {"path": "my app\n"}, tmp_path, tmp_path)
    assert result.returncode == 0, result.stderr  # the step itself succeeds; the last step fails
    assert outputs["exit-code"] == "1" and outputs["findings"] == "1"
    sarif = Path(outputs["sarif-file"])
    assert sarif.parent == tmp_path and sarif.is_file()  # under RUNNER_TEMP, not in the checkout
    assert json.loads(sarif.read_text())["runs"][0]["results"][0]["ruleId"] == "DPL101"
    assert "| Severity | Rule | Location | Message | How to fix |" in summary and "`my app/Procfile:2`" in summary
    assert "::error file=my app/Procfile,line=2" in result.stdout
    assert not (repo / "deploylint.sarif").exists()


def test_action_paths_and_args_keep_their_spaces(tmp_path):
    write_tree(tmp_path / "a b", {"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER})
    write_tree(tmp_path / "clean", {"Procfile": "worker: python bot.py\n", "bot.py": POLLER})
    (tmp_path / "my settings.toml").write_text('ignore = ["DPL101"]\n')
    # one path per line
    _, outputs, _ = run_step("run", {"path": "a b\nclean\n", "format": "annotations"}, tmp_path, tmp_path)
    assert outputs["exit-code"] == "1" and outputs["sarif-file"] == ""
    # shell quoting on one line, for paths and for args
    _, outputs, _ = run_step("run", {"path": "'a b' clean", "args": '--config "my settings.toml"',
                                     "format": "none"}, tmp_path, tmp_path)
    assert outputs["exit-code"] == "0" and outputs["findings"] == "0"
    # never glob-expanded
    _, outputs, _ = run_step("run", {"path": "*", "format": "none"}, tmp_path, tmp_path)
    assert outputs["exit-code"] == "2"


def test_action_fail_on_never_and_a_bad_value(tmp_path):
    write_tree(tmp_path / "app", {"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER})
    _, outputs, _ = run_step("run", {"path": "app", "fail-on": "never", "format": "none"}, tmp_path, tmp_path)
    assert outputs["exit-code"] == "0" and outputs["findings"] == "1"
    result, outputs, _ = run_step("run", {"path": "app", "fail-on": "sometimes"}, tmp_path, tmp_path)
    assert outputs["exit-code"] == "2" and "::error" in result.stdout


def test_python_check_step(tmp_path):
    _, outputs, _ = run_step("python", {}, tmp_path, tmp_path)
    assert outputs["setup"] == ("" if sys.version_info >= (3, 10) and shutil.which("python3") else "3.12")
    _, outputs, _ = run_step("python", {"python-version": "3.13"}, tmp_path, tmp_path)
    assert outputs["setup"] == "3.13"


def test_action_uses_current_upload_and_skips_forks():
    steps = action()["runs"]["steps"]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].endswith("@v4")
    assert "head.repo.full_name != github.repository" in upload["if"]
    assert any("fork" in s.get("run", "") and "::notice" in s.get("run", "") for s in steps)


def test_action_fail_on_follows_configured_severity(tmp_path):
    write_tree(tmp_path / "repo", {"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER,
                                   ".deploylint.toml": 'severity = {DPL101 = "warning"}\n'})
    result, outputs, _ = run_step("run", {"path": "repo", "format": "annotations", "fail-on": "error"},
                                  tmp_path, tmp_path)
    assert outputs["exit-code"] == "0" and "::warning file=repo/Procfile" in result.stdout
    _, outputs, _ = run_step("run", {"path": "repo", "format": "annotations", "fail-on": "error",
                                     "args": "--isolated"}, tmp_path, tmp_path)
    assert outputs["exit-code"] == "1"  # --isolated: DPL101 is an error again
