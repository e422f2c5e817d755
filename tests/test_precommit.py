"""The pre-commit hook, run by the real `pre-commit try-repo` against a temporary git
repository: it fails on a bad Procfile and passes once it is fixed.

try-repo installs deploylint from a git repository into pre-commit's own virtualenv
with pip (from the package index), so this test is slow. It uses a committed snapshot
of this working tree (tracked and untracked, not ignored, files), so it also works
while changes are uncommitted (try-repo itself only carries tracked changes over)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("needs git", allow_module_level=True)

PROJECT = Path(__file__).resolve().parent.parent
BAD = "web: celery -A app beat\nworker: celery -A app beat\n"
FIXED = "web: celery -A app worker\nworker: celery -A app beat\n"


def git(*args: str, cwd: Path, env: dict) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path / "home"),
                "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"})
    env.pop("GITHUB_ACTIONS", None)
    (tmp_path / "home").mkdir()
    return env


def snapshot(destination: Path, env: dict) -> Path:
    """This working tree as a one-commit git repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=PROJECT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file() and not name.startswith(("tests/", "bench/", "examples/")):
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "-q", cwd=destination, env=env)
    git("add", "-A", cwd=destination, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=destination, env=env)
    return destination


def try_repo(hook_repo: Path, work: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "deploylint",
                           "--all-files", "--color", "never"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=1200)


def test_hook_fails_on_a_bad_config_and_passes_on_a_fixed_one(tmp_path, git_env):
    if not (PROJECT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    hook_repo = snapshot(tmp_path / "deploylint", git_env)
    assert (hook_repo / ".pre-commit-hooks.yaml").is_file()
    work = tmp_path / "app"
    work.mkdir()
    git("init", "-q", cwd=work, env=git_env)
    (work / "Procfile").write_text(BAD)
    (work / "README.md").write_text("an app\n")
    git("add", "-A", cwd=work, env=git_env)

    failing = try_repo(hook_repo, work, git_env)
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "deploylint" in output and "Failed" in output
    assert "Procfile:2:1: DPL101" in output

    (work / "Procfile").write_text(FIXED)
    git("add", "-A", cwd=work, env=git_env)
    passing = try_repo(hook_repo, work, git_env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_hook_manifest():
    from ruamel.yaml import YAML

    (hook,) = YAML(typ="safe").load((PROJECT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "deploylint" and hook["language"] == "python" and hook["pass_filenames"] is False
    # every commit is checked: no file-name pattern can know which files a start chain reads
    assert hook["always_run"] is True and "files" not in hook


# Changes that only touch files a file-name pattern would miss: an extensionless start
# script, a PM2 JSON file with a plain name, a committed .env. Each commit must be blocked.
CLEAN = {
    "Procfile": "worker: bin/start\n",
    "bin/start": "#!/bin/sh\nexec python bot.py\n",
    "bot.py": "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['BOT_TOKEN'])\nbot.infinity_polling()\n",
    "ecosystem.json": '{"apps": [{"name": "bot", "script": "bot.js", "instances": 1}]}\n',
    "bot.js": "const T = require('node-telegram-bot-api');\nnew T(process.env.BOT_TOKEN, {polling: true});\n",
    ".env": "LOG_LEVEL=info\n",
    "README.md": "an app\n",
}
CHANGES = [
    ("bin/start", "#!/bin/sh\npython bot.py &\nexec python bot.py\n", "DPL103"),
    ("ecosystem.json", '{"apps": [{"name": "bot", "script": "bot.js", "instances": 2}]}\n', "DPL102"),
    (".env", "LOG_LEVEL=info\nBOT_TOKEN=7012345678:AAHq3Zk9Lm2Np8Rt5Vw7Xy1Bc4Df6Gh0Jk3\n", "DPL201"),
]


def test_hook_runs_when_only_an_unusual_file_changes(tmp_path, git_env):
    if not (PROJECT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    hook_repo = snapshot(tmp_path / "deploylint", git_env)
    work = tmp_path / "app"
    work.mkdir()
    git("init", "-q", cwd=work, env=git_env)
    for name, content in CLEAN.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(content)
    git("add", "-A", cwd=work, env=git_env)
    git("commit", "-q", "-m", "clean", cwd=work, env=git_env)

    def staged_run():  # try-repo without --all-files: only the staged change, as a commit
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "deploylint",
                               "--color", "never"], cwd=work, env=git_env, capture_output=True, text=True,
                              timeout=1200)

    (work / "README.md").write_text("an app, documented\n")
    git("add", "README.md", cwd=work, env=git_env)
    clean = staged_run()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    git("commit", "-q", "-m", "docs", cwd=work, env=git_env)

    for name, content, code in CHANGES:
        (work / name).write_text(content)
        git("add", name, cwd=work, env=git_env)
        blocked = staged_run()
        output = blocked.stdout + blocked.stderr
        assert blocked.returncode == 1, f"{name}: {output}"
        assert f"{code}" in output and "Failed" in output, f"{name}: {output}"
        git("checkout", "HEAD", "--", name, cwd=work, env=git_env)  # back to the clean state
