"""Round 9 platforms: reusable workflows (`uses: ./.github/workflows/x.yml`) and
separate workflows that run together (formats/github_actions_calls.py); hostile calls
never crash and never report."""
from __future__ import annotations

import pytest

from deploylint.engine import scan
from deploylint.formats.github_actions_calls import JobRun, local_call

from conftest import write_tree

BOT = ("import os\nfrom telegram.ext import ApplicationBuilder\n"
       "ApplicationBuilder().token(os.environ['T']).build().run_polling()\n")
CALLED = ("on:\n  workflow_call:\njobs:\n  bot:\n    runs-on: ubuntu-latest\n    timeout-minutes: 300\n"
          "    steps:\n      - run: python bot.py\n")


def codes(tmp_path, files):
    write_tree(tmp_path, {"bot.py": BOT, **files})
    return sorted((f.code, f.location.path, f.location.line) for f in scan(tmp_path).findings)


@pytest.mark.parametrize("uses, expected", [
    ("./.github/workflows/run.yml", ".github/workflows/run.yml"),
    ("./.github/workflows/./run.yaml", ".github/workflows/run.yaml"),
    ("./.github/workflows/../../etc/passwd.yml", None),
    ("./.github/workflows/sub/run.yml", None),
    ("owner/repo/.github/workflows/run.yml@main", None),
    ("./.github/workflows/run.yml@v1", None),
    ("./.github/workflows/run.txt", None),
    (42, None), (None, None), (["./.github/workflows/run.yml"], None),
])
def test_local_call(uses, expected):
    assert local_call({"uses": uses}) == expected


def test_reusable_called_on_schedule(tmp_path):
    caller = "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  call:\n    uses: ./.github/workflows/run.yml\n"
    found = codes(tmp_path, {".github/workflows/cron.yml": caller, ".github/workflows/run.yml": CALLED})
    assert found == [("DPL102", ".github/workflows/cron.yml", 3)]


def test_reusable_alone_is_not_a_deployment(tmp_path):
    assert codes(tmp_path, {".github/workflows/run.yml": CALLED.replace("300", "350")}) == []


@pytest.mark.parametrize("caller", [
    "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  call:\n    uses: ./.github/workflows/cron.yml\n",  # itself
    "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  call:\n    uses: ./.github/workflows/missing.yml\n",
    "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  call:\n    uses: {a: 1}\n",
    "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  call:\n    uses: ./.github/workflows/nest.yml\n",
    "on: [push]\njobs: ./.github/workflows/run.yml\n",
    "on:\n  schedule: '{{ x }}'\njobs:\n  call:\n    uses: ./.github/workflows/run.yml\n    concurrency: ${{ github.run_id }}\n",
])
def test_hostile_calls_never_crash(tmp_path, caller):
    nest = "on:\n  workflow_call:\njobs:\n  again:\n    uses: ./.github/workflows/cron.yml\n"
    found = codes(tmp_path, {".github/workflows/cron.yml": caller, ".github/workflows/run.yml": CALLED,
                             ".github/workflows/nest.yml": nest})
    assert all(code.startswith("DPL1") for code, _, _ in found)
    assert not [c for c in found if c[0] == "DPL102"]


@pytest.mark.parametrize("crons, timeout, hosted", [
    ((("0 */6 * * *", None),), 355, True),  # a run every 6 h, each up to ~6 h
    ((("0 */6 * * *", None),), 180, True),  # half the time
    ((("0 0 * * *", None),), 355, False),  # once a day for 6 h: a quarter of the day
    ((("*/5 * * * *", None),), 20, False),  # a check, not hosting
    ((), 355, False),
    ((("not a cron", None),), 355, False),
])
def test_hosted(crons, timeout, hosted):
    assert JobRun(".github/workflows/a.yml", timeout, crons, "").hosted is hosted


def test_separate_workflows_with_a_hosted_one(tmp_path):
    hosted = ("on:\n  schedule:\n    - cron: '0 */6 * * *'\njobs:\n  bot:\n    runs-on: ubuntu-latest\n"
              "    timeout-minutes: 350\n    steps:\n      - run: python bot.py\n")
    pushed = hosted.replace("schedule:\n    - cron: '0 */6 * * *'", "workflow_dispatch:")
    found = codes(tmp_path, {".github/workflows/a.yml": hosted, ".github/workflows/b.yml": pushed})
    assert [c[0] for c in found] == ["DPL101"]
    short = pushed.replace("350", "10")  # a check of the bot on demand: no hosting
    assert codes(tmp_path / "short", {".github/workflows/a.yml": hosted, ".github/workflows/b.yml": short}) == []


# -- Kubernetes CronJobs (formats/kubernetes_cron.py) ------------------------------------
CRON = """apiVersion: batch/v1
kind: CronJob
metadata:
  name: bot
spec:
  schedule: {schedule}
  {extra}
  jobTemplate:
    spec:
      {deadline}
      template:
        spec:
          containers:
            - name: bot
              image: me/bot
              command: ["python", "bot.py"]
"""


@pytest.mark.parametrize("schedule, extra, deadline, expected", [
    ("'*/10 * * * *'", "", "", ["DPL102"]),
    ("'*/10 * * * *'", "concurrencyPolicy: Forbid", "", []),
    ("'*/10 * * * *'", "concurrencyPolicy: Replace", "", ["DPL105"]),
    ("'*/10 * * * *'", "suspend: true", "", []),
    ("'*/10 * * * *'", "", "activeDeadlineSeconds: 600", []),
    ("'*/10 * * * *'", "", "activeDeadlineSeconds: 1800", ["DPL102"]),
    # hostile values: the defaults, never a crash
    ("'{{ .Values.cron }}'", "", "", []),
    ("42", "concurrencyPolicy: [Allow]", "", []),
    ("'*/10 * * * *'", "concurrencyPolicy: 7", "activeDeadlineSeconds: -5", ["DPL102"]),
    ("'*/10 * * * *'", "", "activeDeadlineSeconds: '${DEADLINE}'", ["DPL102"]),
    ("'*/10 * * * *'", "", "activeDeadlineSeconds: 99999999999999999999", ["DPL102"]),
    ("'@hourly'", "", "", []),
    ("'*/10 * * * *'", "jobTemplate: 3", "", []),
])
def test_cronjob(tmp_path, schedule, extra, deadline, expected):
    manifest = CRON.format(schedule=schedule, extra=extra, deadline=deadline)
    if extra.startswith("jobTemplate"):
        manifest = manifest.replace("  jobTemplate:\n", "  jobTemplateX:\n", 1)
    found = codes(tmp_path, {"k8s/cron.yaml": manifest})
    assert [c[0] for c in found if c[0].startswith("DPL1")] == expected


@pytest.mark.parametrize("value, code", [
    ("'${REPLICAS}'", "DPL004"), ("$REPLICAS", "DPL004"), ("'${REPLICAS:-2}'", "DPL004"),
    ("two", "DPL002"), ("-1", "DPL002"), ("'2'", None), ("99999999999", "DPL002"),
])
def test_replicas_placeholder(tmp_path, value, code):
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bot\nspec:\n"
                f"  replicas: {value}\n  strategy:\n    type: Recreate\n  template:\n    spec:\n      containers:\n"
                "        - name: bot\n          image: me/bot\n          command: [python, bot.py]\n")
    found = codes(tmp_path, {"k8s/bot.yaml": manifest})
    assert [c[0] for c in found if c[0] in ("DPL002", "DPL004")] == ([code] if code else [])


# -- CapRover (formats/caprover.py) ------------------------------------------------------
DOCKERFILE = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "bot.py"]\n'


@pytest.mark.parametrize("definition, expected", [
    ('{"schemaVersion": 2, "dockerfilePath": "./Dockerfile"}', ["DPL105"]),
    ('{"schemaVersion": 2, "dockerfileLines": ["FROM python:3.12", "COPY . .", "CMD python bot.py"]}', ["DPL105"]),
    ('{"schemaVersion": 2, "dockerfileLines": ["FROM python:3.12", "ENTRYPOINT [\\"python\\"]", "CMD [\\"bot.py\\"]"]}', []),
    ('{"schemaVersion": 2, "imageName": "me/bot"}', []),
    ('{"schemaVersion": 2, "templateId": "node/18"}', []),
    # hostile or wrong: a problem on the file at most, never a crash
    ('{"schemaVersion": "2", "dockerfilePath": "./Dockerfile"}', ["DPL002"]),
    ('{"schemaVersion": 2, "dockerfilePath": "./Dockerfile", "imageName": "x"}', ["DPL002"]),
    ('{"schemaVersion": 2, "dockerfilePath": "../../etc/Dockerfile"}', []),
    ('{"schemaVersion": 2, "dockerfilePath": 7}', []),
    ('{"schemaVersion": 2, "dockerfileLines": [1, null, {"a": []}, "CMD [\\"python\\", 3]", "CMD [broken"]}', ["DPL004"]),  # shell form, as Docker reads it
    ('{"schemaVersion": 2, "dockerfileLines": "CMD python bot.py"}', []),
    ('[1, 2]', ["DPL002"]),
    ('{"schemaVersion": 2,}', ["DPL001"]),
    ('{"schemaVersion": 2, "dockerfileLines": [' + ", ".join(['"RUN true"'] * 5000) + ']}', []),
    ('[' * 5000 + ']' * 5000, ["DPL006"]),
])
def test_caprover(tmp_path, definition, expected):
    found = codes(tmp_path, {"captain-definition": definition, "Dockerfile": DOCKERFILE})
    assert [c[0] for c in found if c[2] is not None and c[1] == "captain-definition"] == expected


# -- compose one-shots (formats/compose_depends.py) ---------------------------------------
@pytest.mark.parametrize("depends, found", [
    ({"init": {"condition": "service_completed_successfully"}}, {"init": "`bot`"}),
    ({"init": {"condition": "service_started"}}, {}),
    ({"init": {"condition": "service_healthy"}}, {}),
    (["init"], {}), ("init", {}), (None, {}), ({"init": "service_completed_successfully"}, {}),
    ({7: {"condition": "service_completed_successfully"}}, {}),
    ({f"s{i}": {"condition": "service_completed_successfully"} for i in range(500)}, None),
])
def test_completed_first(depends, found):
    from deploylint.formats.compose_depends import completed_first
    from deploylint.formats.compose_merge import Service
    from deploylint.model import Location

    result = completed_first({"bot": Service("bot", {"depends_on": depends}, Location("c.yml", 1, 1))})
    if found is None:
        assert len(result) == 100  # read at most 100 dependencies per service
    else:
        assert result == found


def test_variant_and_group_of_a_call():
    from deploylint.formats.github_actions_calls import substituted, variant_of

    called = {"steps": [{"run": "python main.py --account ${{ inputs.account }}",
                         "env": {"T": "${{ secrets.TOKEN }}"}}]}
    a = variant_of("r.yml", {"with": {"account": "a"}, "secrets": {"TOKEN": "${{ secrets.A }}"}}, called)
    b = variant_of("r.yml", {"with": {"account": "b"}, "secrets": {"TOKEN": "${{ secrets.A }}"}}, called)
    same = variant_of("r.yml", {"secrets": {"TOKEN": "${{ secrets.A }}"}, "with": {"account": "a"}}, called)
    assert a != b and a == same
    assert variant_of("r.yml", {"with": {"x": 1}}, {"steps": [{"run": "python bot.py"}]}) == ""
    assert variant_of("r.yml", {"with": [1], "secrets": 7}, called) == variant_of("r.yml", {}, called)
    assert substituted("bot-${{ inputs.account }}-${{inputs.other}}", {"account": "a"}) == "bot-a-${{inputs.other}}"
    assert substituted("bot-${{ github.ref }}", {"account": "a"}) == "bot-${{ github.ref }}"
