"""GitHub Actions workflows (formats/github_actions.py): which jobs run a program, the
schedule interval, timeouts, concurrency groups and matrices, the joined step text (lines
kept), and hostile workflows that cost nothing (never a crash, never a report)."""
from __future__ import annotations

import pytest

from deploylint.discover import discover
from deploylint.engine import scan
from deploylint.formats import all_targets
from deploylint.formats.github_actions import _mask
from deploylint.formats.names import in_ci_dir, is_workflow
from deploylint.formats.github_actions_runs import interval

from conftest import write_tree

BOT = ("import os\nfrom telegram.ext import ApplicationBuilder\n"
       "ApplicationBuilder().token(os.environ['T']).build().run_polling()\n")


def actions(tmp_path, workflow: str, files: dict | None = None, name: str = "bot.yml"):
    write_tree(tmp_path, {f".github/workflows/{name}": workflow, "bot.py": BOT, **(files or {})})
    repo = discover(tmp_path)
    return [t for t in all_targets(repo) if t.platform == "github-actions"], repo


def codes(tmp_path):
    return sorted((f.code, f.location.path, f.location.line) for f in scan(tmp_path).findings)


@pytest.mark.parametrize("crons, minutes", [
    (["*/5 * * * *"], 5), (["* * * * *"], 5), (["0 * * * *"], 60), (["0 */5 * * *"], 240),
    (["0 9,14 * * *"], 300), (["0 0 * * 1"], 1440), (["*/360 * * * *"], 60), (["30 1 * * *", "0 2 * * *"], 30),
    (["0 8-17/3 * * 1-5"], 180), (["15,45 */2 * * *"], 30),
])
def test_interval(crons, minutes):
    assert interval(crons) == minutes


@pytest.mark.parametrize("bad", [["@hourly"], ["x y z a b"], ["99 * * * *"], ["*/0 * * * *"], ["5-1 * * * *"], [""]])
def test_interval_unreadable(bad):
    assert interval(bad) is None


def test_mask_keeps_columns():
    text = 'echo "${{ secrets.A }}" && python ${{ matrix.f }}.py'
    masked = _mask(text)
    assert len(masked) == len(text) and "${{" not in masked and masked.startswith('echo "$')
    assert _mask("a ${{\n x }} b").count("\n") == 1


def test_paths():
    assert is_workflow(".github/workflows/a.yml") and is_workflow(".github/workflows/b.yaml")
    assert not is_workflow(".github/workflows/sub/a.yml") and not is_workflow("x/.github/workflows/a.yml")
    assert in_ci_dir(".github/workflows/heroku.yml") and not in_ci_dir("heroku.yml")


def test_joined_steps_keep_their_lines(tmp_path):
    (target,), _ = actions(tmp_path, (
        "on:\n  schedule:\n    - cron: '*/10 * * * *'\n"
        "jobs:\n  bot:\n    runs-on: ubuntu-latest\n    timeout-minutes: 30\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: pip install -r requirements.txt\n"          # finite: not analysed
        "      - name: start\n        run: |\n          echo ${{ github.sha }}\n          python bot.py\n"
        "      - run: node other.js\n"))
    launch = target.launches[0]
    assert launch.command.location.line == 13
    lines = launch.command.shell.split("\n")
    assert lines[1] == "python bot.py" and lines[2] == "node other.js"  # line 14 and 15
    assert launch.copies.count == 3 and "*/10" in launch.copies.reason and "timeout-minutes: 30" in launch.copies.reason
    assert target.quiet


def test_concurrency_and_run_bound_groups(tmp_path):
    base = ("on:\n  schedule:\n    - cron: '0 * * * *'\n{top}jobs:\n  bot:\n    runs-on: ubuntu-latest\n{job}"
            "    steps:\n      - run: python bot.py\n")
    (t,), _ = actions(tmp_path, base.format(top="concurrency: bot\n", job=""))
    assert t.launches[0].copies.count == 1 and not t.launches[0].overlaps
    (t,), _ = actions(tmp_path, base.format(top="", job="    concurrency:\n      group: x-${{ github.run_id }}\n"))
    assert t.launches[0].copies.count == 6  # 360 / 60


def test_event_and_schedule_conditions(tmp_path):
    (t,), _ = actions(tmp_path, (
        "on:\n  push:\n  schedule:\n    - cron: '*/5 * * * *'\n    - cron: '0 3 * * *'\n"
        "jobs:\n  bot:\n    if: github.event.schedule == '0 3 * * *'\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: python bot.py\n"))
    assert t.launches[0].copies.count == 1 and not t.launches[0].overlaps  # daily: 1440 > 360, and not on push


def test_yaml_on_as_true_and_list_form(tmp_path):
    (t,), _ = actions(tmp_path, "true:\n  - push\njobs:\n  a:\n    steps:\n      - run: python bot.py\n")
    assert t.launches[0].overlaps and "push" in t.launches[0].overlaps[0].reason


def test_hosted_cap_step_limits_and_self_hosted_runners(tmp_path):
    workflow = ("on:\n  schedule:\n    - cron: '0 */2 * * *'\njobs:\n  a:\n    runs-on: {runner}\n    timeout-minutes: 720\n"
                "    steps:\n      - run: python bot.py\n{extra}")
    (t,), _ = actions(tmp_path, workflow.format(runner="ubuntu-latest", extra=""))
    assert t.launches[0].copies.count == 3 and "6 hours" in t.launches[0].copies.reason  # 360 / 120
    (t,), _ = actions(tmp_path, workflow.format(runner="ubuntu-latest", extra="        timeout-minutes: 100\n"))
    assert t.launches[0].copies.count == 1
    for runner in ("[self-hosted, linux]", "self-hosted", "{group: pi, labels: [self-hosted]}"):
        (t,), _ = actions(tmp_path, workflow.format(runner=runner, extra=""))
        assert t.launches[0].copies.count == 1 and not t.launches[0].overlaps  # one runner: runs queue


def test_matrix_counts_exclude_and_max_parallel(tmp_path):
    job = ("on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n{strategy}"
           "    steps:\n      - run: python bot.py\n")
    (t,), _ = actions(tmp_path, job.format(strategy="      matrix:\n        a: [1, 2]\n        b: [x, y, z]\n"
                                                    "        exclude:\n          - a: 1\n            b: x\n"))
    assert t.launches[0].copies.count == 5
    (t,), _ = actions(tmp_path, job.format(strategy="      max-parallel: 2\n      matrix:\n        a: [1, 2, 3, 4]\n"))
    assert t.launches[0].copies.count == 2
    (t,), _ = actions(tmp_path, job.format(strategy="      matrix: ${{ fromJSON(needs.x.outputs.m) }}\n"))
    assert t.launches[0].copies.count == 1


@pytest.mark.parametrize("workflow", [
    "on: push\njobs:\n  a:\n    steps:\n      - run: [python, bot.py]\n",          # non-string run
    "on: push\njobs:\n  a:\n    steps:\n      - run: 42\n      - run: null\n      - 7\n",
    "on: push\njobs: [a, b]\n",
    "on: push\njobs:\n  a:\n    steps: python bot.py\n",
    "on: push\njobs:\n  a: &j\n    steps:\n      - run: python bot.py\n  b: *j\n",  # anchors: two jobs, one text
    "on:\n  schedule: {cron: '*/5 * * * *'}\njobs:\n  a:\n    timeout-minutes: ${{ inputs.t }}\n"
    "    steps:\n      - run: python bot.py\n        working-directory: ${{ inputs.dir }}\n",
    "on: push\njobs:\n  a:\n    steps:\n      - run: python bot.py\n        shell: pwsh\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\njobs:\n  a:\n    steps:\n      - run: python bot.py\n",  # alias bomb
    "jobs:\n  a:\n    steps:\n      - run: python bot.py\n" + "x: " + "[" * 5000 + "]" * 5000 + "\n",  # too deep
    "on: push\njobs:\n  a:\n    steps:\n      - run: |\n          python bot.py\n     bad: [\n",      # broken YAML
    "\0\1\2 run python",
])
def test_hostile_workflows_never_crash_or_report(tmp_path, workflow):
    """A broken workflow is GitHub's to report: nothing here. One past deploylint's YAML
    limits (an alias bomb, nesting past 100 levels) is not analysed and says so: DPL006 on
    it (round 11; it was silent, which let a padded workflow hide a poller)."""
    write_tree(tmp_path, {".github/workflows/w.yml": workflow, "bot.py": BOT})
    result = scan(tmp_path)
    past_limits = "&e [" in workflow or "[" * 5000 in workflow
    assert all(f.location.path != ".github/workflows/w.yml" or f.code.startswith("DPL1") or f.code == "DPL006"
               for f in result.findings)
    assert [f.code for f in result.findings if f.code in ("DPL001", "DPL006")] == (["DPL006"] if past_limits else [])


def test_huge_workflow_is_skipped(tmp_path):
    """Past MAX_WORKFLOW_BYTES: not analysed, and said so on the file (DPL006, round 11)."""
    steps = "".join(f"      - run: echo {i}\n" for i in range(40_000))
    write_tree(tmp_path, {".github/workflows/w.yml": "on: push\njobs:\n  a:\n    steps:\n" + steps
                          + "      - run: python bot.py\n", "bot.py": BOT})
    assert codes(tmp_path) == [("DPL006", ".github/workflows/w.yml", 1)]


def test_workflow_named_like_platform_manifests_is_no_manifest(tmp_path):
    write_tree(tmp_path, {
        ".github/workflows/heroku.yml": "on: push\njobs:\n  d:\n    steps:\n      - run: git push heroku HEAD:main\n",
        ".github/workflows/render.yml": "services:\n  - type: worker\n    name: x\n    startCommand: python bot.py\n"
                                       "    numInstances: 2\n",
        "bot.py": BOT})
    found = all_targets(discover(tmp_path))
    assert not [t for t in found if t.platform in ("heroku", "render")]
    assert codes(tmp_path) == []


def test_subdirectory_workflows_and_other_yaml_are_not_workflows(tmp_path):
    (), _ = actions(tmp_path, "on: push\njobs:\n  a:\n    steps:\n      - run: python bot.py\n", name="old/bot.yml")


def test_railway_launch_source_is_a_field_not_parsed_from_the_label(tmp_path):
    from deploylint.formats.railway_start import Service, resolve
    from deploylint.formats.railway_unread import _source
    from deploylint.model import Copies

    write_tree(tmp_path, {"Procfile": "web: python bot.py\n", "bot.py": BOT, "railway.json": "{}"})
    repo = discover(tmp_path)
    found = resolve(repo, Service("Railway service", "railway.json", "", Copies()))
    (launch,) = [l for l in found.launches if l.runs]
    assert launch.source == "Procfile `web`"
    launch.label = "Railway (odd) label; with (parentheses)"
    assert _source(launch) == "Procfile `web`"


def test_workflow_named_like_a_compose_file_is_no_compose_file(tmp_path):
    workflow = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker compose up -d\n"
    write_tree(tmp_path, {".github/workflows/docker-compose.yml": workflow, ".github/workflows/compose.yaml": workflow,
                          "bot.py": BOT})
    assert not [t for t in all_targets(discover(tmp_path)) if t.platform == "compose"]
    assert codes(tmp_path) == []


@pytest.mark.parametrize("shell, analysed", [(None, True), ("bash", True), ("sh -e {0}", True), ("/bin/bash", True),
                                             ("pwsh", False), ("python", False), (7, False), ([], False), ("  ", True)])
def test_step_shells(tmp_path, shell, analysed):
    import json

    step = "      - run: python bot.py\n" + (f"        shell: {json.dumps(shell)}\n" if shell is not None else "")
    found, _ = actions(tmp_path, "on: workflow_dispatch\njobs:\n  a:\n    steps:\n" + step)
    assert bool(found) == analysed


def test_workflow_without_triggers_repeats_nothing(tmp_path):
    (t,), _ = actions(tmp_path, "on:\njobs:\n  a:\n    steps:\n      - run: python bot.py\n")
    assert not t.launches[0].overlaps and t.launches[0].copies.count == 1


def test_parallel_jobs_share_a_target_and_sequential_or_short_ones_do_not(tmp_path):
    job = "  {name}:\n    runs-on: ubuntu-latest\n{extra}    steps:\n      - run: python bot.py\n"
    workflow = "on: workflow_dispatch\njobs:\n" + "".join(job.format(name=n, extra=e) for n, e in [
        ("a", ""), ("b", ""), ("c", "    needs: a\n"), ("d", "    timeout-minutes: 10\n"),
        ("e", "    if: github.event_name == 'push'\n")])
    found, _ = actions(tmp_path, workflow)
    names = sorted(tuple(l.name for l in t.launches) for t in found)
    assert names == [("a", "b"), ("c",), ("d",), ("e",)]


def test_many_workflows_stop_at_the_budget(tmp_path):
    import time

    from deploylint.formats.github_actions import MAX_LAUNCHES

    job = "  j{i}:\n    if: github.event_name == 'push'\n    steps:\n      - run: python bot{w}_{i}.py\n"
    files = {f".github/workflows/w{w:03}.yml": "on: push\njobs:\n" + "".join(job.format(i=i, w=w) for i in range(3))
             for w in range(MAX_LAUNCHES)}
    files.update({f"bot{w}_{i}.py": BOT for w in range(MAX_LAUNCHES) for i in range(3)})
    write_tree(tmp_path, files)
    start = time.monotonic()
    result = scan(tmp_path)
    assert time.monotonic() - start < 60
    limits = [f for f in result.findings if f.code == "DPL006"]
    assert len(limits) == 1 and "workflow jobs" in limits[0].message


def test_working_directory_of_the_step_that_starts_the_program(tmp_path):
    (t,), _ = actions(tmp_path, (
        "on: workflow_dispatch\njobs:\n  a:\n    steps:\n"
        "      - run: pip install -r requirements.txt\n        working-directory: ./svc\n"
        "      - run: python tools/prepare.py\n"
        "      - run: python main.py\n        working-directory: ./svc\n"), {"svc/main.py": BOT, "tools/prepare.py": "x = 1\n"})
    launch = t.launches[0]
    assert launch.cwd == "svc" and launch.command.shell == "python main.py"


def test_push_overlap_stays_a_warning_when_the_bot_stops_on_sigterm(tmp_path):
    from deploylint.model import Severity

    bot = ("from telegram.ext import ApplicationBuilder\nimport signal\n"
           "ApplicationBuilder().token('x').build().run_polling(stop_signals=(signal.SIGTERM, signal.SIGINT))\n")
    write_tree(tmp_path, {".github/workflows/bot.yml": "on: push\njobs:\n  a:\n    steps:\n      - run: python bot.py\n",
                          "bot.py": bot})
    (finding,) = [f for f in scan(tmp_path).findings if f.code == "DPL105"]
    assert finding.severity == Severity.WARNING and "until the old run ends" in finding.message


@pytest.mark.parametrize("condition, copies, overlaps", [
    ("github.event_name != 'schedule'", 1, True),             # push only: a run per push
    ("github.event_name == 'schedule'", 6, False),
    ("github.event_name != 'push'", 6, False),
    ("github.event_name != 'schedule' && github.ref == 'refs/heads/main'", 1, True),
    ("github.event_name == 'push' || github.event_name == 'schedule'", 6, False),  # not narrowed
])
def test_job_conditions_on_the_event(tmp_path, condition, copies, overlaps):
    (t,), _ = actions(tmp_path, (
        "on:\n  push:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  a:\n"
        f"    if: \"{condition}\"\n    steps:\n      - run: python bot.py\n"))
    assert t.launches[0].copies.count == copies and bool(t.launches[0].overlaps) == overlaps


def test_pull_request_only_jobs_are_checks(tmp_path):
    found, _ = actions(tmp_path, "on:\n  pull_request:\njobs:\n  a:\n    steps:\n      - run: python bot.py\n")
    assert found == []
    found, _ = actions(tmp_path, "on: [pull_request, push]\njobs:\n  a:\n    steps:\n      - run: python bot.py\n")
    assert len(found) == 1 and found[0].launches[0].overlaps


@pytest.mark.parametrize("line, starts", [
    ("      - run: python bot.py", True), ("          node index.js", True), ("  run: |", False),
    ("          pip install -r requirements.txt", False), ("        shell: bash", False),
    ("      - name: Run python bot", False), ("          poetry run alembic upgrade head", False),
    ("      python-version: '3.11'", False), ("# python bot.py", False), ("          ./start.sh", True),
])
def test_lines_that_may_start_a_program(line, starts):
    from deploylint.formats.github_actions import _may_start

    assert _may_start(line) == starts


def test_ci_workflow_without_findings_does_not_prefix_other_platforms(tmp_path):
    """A test-only workflow is a (quiet) target, but no second platform for the messages:
    the Railway finding is not "On Railway, ..." because of it; a workflow that has a
    finding of its own is (both platforms then speak)."""
    import json

    from conftest import run_cli

    write_tree(tmp_path, {
        "railway.toml": '[deploy]\nstartCommand = "python bot.py"\nnumReplicas = 2\n',
        "bot.py": "from telegram.ext import Application\nApplication.builder().token('x').build().run_polling()\n",
        ".github/workflows/test.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                                      "      - run: pip install -r requirements.txt\n      - run: python scripts/check.py\n",
        "scripts/check.py": "print('ok')\n",
    })
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path))
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert messages and not any(m.startswith("On Railway") for m in messages)
    (tmp_path / ".github/workflows/test.yml").write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python bot.py\n")
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path))
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert any(m.startswith("On Railway") for m in messages)
