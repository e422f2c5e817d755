"""Round 10 platforms: nested reusable workflow calls, Helm charts read statically,
Kubernetes Jobs (parallelism/completions)."""
from __future__ import annotations

import time

from deploylint.engine import scan

from conftest import write_tree

BOT = ("import os\nfrom telegram.ext import ApplicationBuilder\n"
       "ApplicationBuilder().token(os.environ['T']).build().run_polling()\n")
LEAF = ("on:\n  workflow_call:\njobs:\n  bot:\n    runs-on: ubuntu-latest\n    timeout-minutes: 300\n"
        "    steps:\n      - run: python bot.py\n")
CRON = "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  call:\n    uses: ./.github/workflows/w1.yml\n"


def codes(tmp_path, files):
    write_tree(tmp_path, {"bot.py": BOT, **files})
    return sorted((f.code, f.location.path, f.location.line) for f in scan(tmp_path).findings)


def _chain(levels: int) -> dict:
    files = {".github/workflows/cron.yml": CRON}
    for level in range(1, levels):
        files[f".github/workflows/w{level}.yml"] = (
            f"on:\n  workflow_call:\njobs:\n  next:\n    uses: ./.github/workflows/w{level + 1}.yml\n")
    files[f".github/workflows/w{levels}.yml"] = LEAF
    return files


def test_nested_calls_are_followed(tmp_path):
    assert codes(tmp_path, _chain(3)) == [("DPL102", ".github/workflows/cron.yml", 3)]


def test_nesting_past_githubs_limit_is_not_followed(tmp_path):
    # the caller + 9 reusable workflows run; a 10th nested one is an error on GitHub
    assert codes(tmp_path / "nine", _chain(9)) == [("DPL102", ".github/workflows/cron.yml", 3)]
    assert codes(tmp_path / "ten", _chain(10)) == []


def test_call_loop_and_fan_out_end(tmp_path):
    loop = {".github/workflows/cron.yml": CRON,
            ".github/workflows/w1.yml": "on:\n  workflow_call:\njobs:\n  a:\n    uses: ./.github/workflows/w2.yml\n",
            ".github/workflows/w2.yml": "on:\n  workflow_call:\njobs:\n  b:\n    uses: ./.github/workflows/w1.yml\n"}
    assert codes(tmp_path / "loop", loop) == []
    jobs = "".join(f"  j{i}:\n    uses: ./.github/workflows/w{{n}}.yml\n" for i in range(60))
    fan = {".github/workflows/cron.yml": CRON, ".github/workflows/w9.yml": LEAF}
    for level in range(1, 9):
        fan[f".github/workflows/w{level}.yml"] = "on:\n  workflow_call:\njobs:\n" + jobs.replace("{n}", str(level + 1))
    start = time.monotonic()
    found = codes(tmp_path / "fan", fan)
    assert time.monotonic() - start < 20
    assert found and all(code.startswith("DPL1") or code == "DPL006" for code, _, _ in found)


JOB = ("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n{spec}  template:\n    spec:\n"
       "      containers:\n        - name: c\n          image: example.com/j:1\n          command: [python, bot.py]\n")


def test_job_parallelism_and_completions(tmp_path):
    def job(name, spec):
        return codes(tmp_path / name, {"k8s/job.yaml": JOB.format(spec=spec)})

    assert job("p3", "  parallelism: 3\n") == [("DPL102", "k8s/job.yaml", 6)]
    assert job("c2", "  parallelism: 5\n  completions: 2\n") == [("DPL102", "k8s/job.yaml", 6)]
    assert job("c1", "  parallelism: 5\n  completions: 1\n") == []
    assert job("default", "  completions: 9\n") == []
    assert job("suspended", "  suspend: true\n  parallelism: 3\n") == []
    assert job("zero", "  parallelism: 0\n") == []
    bad = job("bad", "  parallelism: lots\n")
    assert ("DPL002", "k8s/job.yaml", 6) in bad and not [c for c in bad if c[0] == "DPL102"]


def test_cronjob_parallel_pods_multiply(tmp_path):
    cron = ("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '0 * * * *'\n"
            "  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      parallelism: 2\n      template:\n"
            "        spec:\n          containers:\n            - name: c\n              image: example.com/c:1\n"
            "              command: [python, bot.py]\n")
    assert codes(tmp_path, {"k8s/cron.yaml": cron}) == [("DPL102", "k8s/cron.yaml", 10)]
