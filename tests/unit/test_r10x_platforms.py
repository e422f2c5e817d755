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


# -- Helm ------------------------------------------------------------------------------
import pytest  # noqa: E402

from deploylint.formats import helm  # noqa: E402


def _chart(values):
    return helm.Chart("c", values, "app", "c/values.yaml", values)


@pytest.mark.parametrize("template, values, expected", [
    ("replicas: {{ .Values.n }}", {"n": 3}, "replicas: 3"),
    ("replicas: {{ .Values.n | default 2 }}", {}, "replicas: 2"),
    ("replicas: {{ default 2 .Values.n }}", {"n": 4}, "replicas: 4"),
    ("replicas: {{ .Values.n | int }}", {"n": "5"}, "replicas: 5"),
    ("name: {{ .Values.a.b | quote }}", {"a": {"b": "x"}}, "name: x"),
    ("name: {{ include \"app.fullname\" . }}", {}, "name: app"),
    ("image: \"{{ .Values.r }}:{{ .Values.t | default .Chart.AppVersion }}\"", {"r": "bot", "t": ""}, 'image: "bot:latest"'),
    ("command: {{- toYaml .Values.c | nindent 4 }}", {"c": ["python", "a.py"]}, 'command: ["python", "a.py"]'),
    ("replicas: {{ .Values.n | someFunc }}", {"n": 3}, "replicas: ${.Values.n}"),
    ("{{- if .Values.on }}\nreplicas: 2\n{{- else }}\nreplicas: 1\n{{- end }}", {"on": True}, "\nreplicas: 2\n\n\n"),
    ("{{- if .Values.on }}\nreplicas: 2\n{{- else }}\nreplicas: 1\n{{- end }}", {"on": False}, "\n\n\nreplicas: 1\n"),
    ("{{- if not .Values.on }}\nreplicas: 2\n{{- end }}", {}, "\nreplicas: 2\n"),
    ("{{- if and .Values.a .Values.b }}\nx: 1\n{{- else if .Values.c }}\nx: 2\n{{- end }}", {"c": 1}, "\n\n\nx: 2\n"),
    ("{{- with .Values.w }}\nn: {{ .n }}\n{{- end }}", {"w": {"n": 7}}, "\nn: 7\n"),
    ("{{- range .Values.l }}\nx: {{ . }}\n{{- end }}\ny: 1", {"l": [1, 2]}, "\n\n\ny: 1"),
    ("{{/* a comment\nover lines */}}\nx: 1", {}, "\n\nx: 1"),
    ("{{- if .Values.x\n}}\nx: 1\n{{- end }}", {}, "\n\nx: 1\n"),
    ("{{- end }}\n{{- end }}\n{{- else }}\nx: 1", {}, "\n\n\nx: 1"),
])
def test_helm_render(template, values, expected):
    assert helm.render(_chart(values), template).text == expected


def test_helm_unreadable_values_are_unknown():
    chart = helm.Chart("c", {}, "app", "c/values.yaml", None)
    assert helm.render(chart, "replicas: {{ .Values.n }}").text == "replicas: ${.Values.n}"


def test_helm_hostile_templates_end(tmp_path):
    from deploylint.safe import LimitExceeded

    with pytest.raises(LimitExceeded, match="more than 5,000 template actions"):  # the caller reports DPL006
        helm.render(_chart({}), "x: {{ .Values.a }}" * 6000)
    with pytest.raises(LimitExceeded, match="larger than"):
        helm.render(_chart({}), "x" * 300_000)
    deep = "{{ " + "(" * 500 + ".Values.a" + ")" * 500 + " }}"
    assert "${" in helm.render(_chart({"a": 1}), "x: " + deep).text


def test_helm_autoscaling_enabled_uses_hpa(tmp_path):
    import shutil
    from pathlib import Path

    source = Path(__file__).parent.parent / "scenarios" / "r10x-helm-values-one-replica-ok" / "repo"
    shutil.copytree(source, tmp_path / "repo")
    values = tmp_path / "repo" / "deploy" / "helm" / "values.yaml"
    values.write_text(values.read_text().replace("enabled: false", "enabled: true"))
    found = sorted((f.code, f.location.path, f.location.line) for f in scan(tmp_path / "repo").findings)
    assert found == [("DPL102", "deploy/helm/templates/hpa.yaml", 11)]


def test_helm_template_outside_a_chart_is_skipped(tmp_path):
    template = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: {{ .Values.n }}\n"
                "  template:\n    spec:\n      containers:\n        - name: c\n          image: e.com/x:1\n"
                "          command: [python, bot.py]\n")
    assert codes(tmp_path, {"templates/deployment.yaml": template, "values.yaml": "n: 3\n"}) == []


# -- Koyeb -----------------------------------------------------------------------------
from deploylint.formats.koyeb import _cli_calls  # noqa: E402


@pytest.mark.parametrize("run, expected", [
    ("koyeb service update app/bot --min-scale 3 --regions fra,was", {"service-name": "bot", "min-scale": "3",
                                                                      "regions": ["fra", "was"], "_cli": "1"}),
    ("koyeb app init bot --git github.com/a/b --git-run-command 'python bot.py' --type=worker --scale=2",
     {"service-name": "bot", "git-run-command": "python bot.py", "service-type": "worker", "scale": "2", "_cli": "1"}),
    ("echo hi && koyeb services create x/y \\\n  --docker me/img --docker-command 'node a.js' # done",
     {"service-name": "y", "docker": "me/img", "docker-command": "node a.js", "_cli": "1"}),
])
def test_koyeb_cli_flags(run, expected):
    assert [options for options, _ in _cli_calls(run)] == [expected]


@pytest.mark.parametrize("run", ["koyeb service create 'unclosed", "koyeb services create " + "--x " * 5000,
                                 "koyeb service list", "curl koyeb.com"])
def test_koyeb_cli_hostile_or_other(run):
    calls = _cli_calls(run)
    assert all(isinstance(options, dict) for options, _ in calls)


def test_koyeb_min_scale_placeholder_is_no_error(tmp_path):
    workflow = ("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - run: koyeb service update a/b --git-run-command 'python bot.py' --min-scale ${{ vars.N }}\n")
    found = codes(tmp_path, {".github/workflows/d.yml": workflow})
    assert ("DPL105", ".github/workflows/d.yml", 6) in found and not [c for c in found if c[0] in ("DPL002", "DPL102")]


def test_koyeb_action_ignores_inputs_it_does_not_have(tmp_path):
    # `regions:` is no input of koyeb/action-git-deploy (`service-regions` is): one region, one copy
    workflow = ("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: koyeb/action-git-deploy@v1\n        with:\n          git-run-command: python bot.py\n"
                "          service-name: bot\n          regions: fra\n")
    assert codes(tmp_path / "one", {".github/workflows/d.yml": workflow}) == [("DPL105", ".github/workflows/d.yml", 6)]
    two = workflow.replace("regions: fra", "service-regions: fra,was")
    assert ("DPL102", ".github/workflows/d.yml", 6) in codes(tmp_path / "two", {".github/workflows/d.yml": two})


# -- Render preview environments -------------------------------------------------------
RENDER = ("{top}services:\n  - type: worker\n    name: w\n    runtime: python\n    startCommand: python bot.py\n"
          "    disk: {{name: d, mountPath: /d}}\n{service}")


def test_render_previews(tmp_path):
    def run(name, top, service=""):
        return codes(tmp_path / name, {"render.yaml": RENDER.format(top=top, service=service)})

    assert run("auto", "previews:\n  generation: automatic\n") == [("DPL105", "render.yaml", 1)]
    assert run("manual", "previews:\n  generation: manual\n") == [("DPL105", "render.yaml", 1)]
    assert run("legacy", "previewsEnabled: true\n") == [("DPL105", "render.yaml", 1)]
    assert run("service", "", "    pullRequestPreviewsEnabled: true\n") == [("DPL105", "render.yaml", 7)]
    assert run("none", "previews:\n  generation: off\n") == []
    assert run("default", "") == []
    assert run("hostile", "previews: [1, 2]\npreviewsEnabled: yes please\n") == []
    token = "    envVars:\n      - key: TELEGRAM_BOT_TOKEN\n        sync: false\n        previewValue: other\n"
    assert run("own-token", "previews:\n  generation: automatic\n", token) == []


from deploylint.formats.kubernetes import _third_party  # noqa: E402


@pytest.mark.parametrize("image, expected", [
    ("redis:7", True), ("bitnami/postgresql:16", True), ("quay.io/minio/mc:latest", True), ("rustfs/rustfs", True),
    ("docker.io/library/nginx@sha256:abc", True),
    ("python:3.12-slim", False), ("node:20", False), ("oven/bun:1", False), ("alpine", False),
    ("ghcr.io/me/bot:1", False), ("registry.example.com/relay:2", False), ("localhost:5000/bot", False),
    ("{{ .Values.image }}", False), ("${IMAGE}", False), ("", False), (None, False), (42, False),
])
def test_third_party_images(image, expected):
    assert _third_party(image) is expected


def test_helm_values_layers_merge():
    assert helm._merge({"a": {"b": 1, "c": 2}, "d": 1}, {"a": {"b": 3}, "e": 4}, 0) == {"a": {"b": 3, "c": 2}, "d": 1, "e": 4}
    assert helm._merge({"a": {"b": 1}}, {"a": [1]}, 0) == {"a": [1]}
    deep = {}
    node = deep
    for _ in range(50):
        node["x"] = {}
        node = node["x"]
    assert helm._merge(deep, deep, 0)  # deep maps stop merging past the limit, no recursion error


def test_helm_values_layer_that_is_no_mapping_is_ignored(tmp_path):
    import shutil
    from pathlib import Path

    source = Path(__file__).parent.parent / "scenarios" / "r10x-helm-values-file-layer-one-ok" / "repo"
    shutil.copytree(source, tmp_path / "repo")
    (tmp_path / "repo" / "deploy" / "helm" / "values-broken.yaml").write_text("- 1\n- [unclosed\n")
    (tmp_path / "repo" / "deploy" / "helm" / "values-list.yaml").write_text("- replicaCount: 9\n")
    assert scan(tmp_path / "repo").findings == []


@pytest.mark.parametrize("on, names, per_branch", [
    ("push", "", True),
    ("[push, workflow_dispatch]", "", True),
    ("\n  push:\n    branches: [main]", "", False),
    ("\n  push:\n    branches: ['release/*']", "", True),
    ("\n  push:\n    branches: [main, dev]", "", True),
    ("\n  push:", "", True),
    ("workflow_dispatch", "", False),
    ("push", "          service-name: bot\n          app-name: relay\n", False),
    ("push", "          service-name: ${{ github.ref_name }}\n", True),
])
def test_koyeb_service_per_branch(tmp_path, on, names, per_branch):
    workflow = (f"on: {on}\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: koyeb/action-git-deploy@v1\n        with:\n          git-run-command: python bot.py\n" + names)
    found = codes(tmp_path, {".github/workflows/d.yml": workflow})
    assert any(code == "DPL102" for code, _, _ in found) is per_branch
    assert any(code == "DPL105" for code, _, _ in found)


def test_helm_printing_values_again_and_again_ends():
    from deploylint.safe import LimitExceeded

    big = {f"k{i}": "v" * 100 for i in range(2000)}  # ~200 KB of values
    template = "\n".join(f"a{i}: {{{{ toYaml .Values | nindent 2 }}}}" for i in range(100))
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="print more than"):
        helm.render(_chart(big), template)
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("text, expected", [
    ("replicaCount=3", {"replicaCount": 3}),
    ("a.b=x,a.c=2,d=true,e=false,f=null", {"a": {"b": "x", "c": 2}, "d": True, "e": False, "f": None}),
    ("list[0]=1,noequals,=1,a..b=2", {"a": {"b": 2}}),
    ("x=" + "9" * 20, {"x": "9" * 20}),
])
def test_helm_set_values(text, expected):
    into = {}
    helm._set_values(into, text, False)
    assert into == expected


@pytest.mark.parametrize("text", ["helm upgrade --install x ./c --set 'unclosed", "helm install " + "--set a=1 " * 1000,
                                  "helm template \\\n\\\n\\\n"])
def test_helm_command_words_hostile(text):
    words = helm._command_words(text)
    assert words is None or len(words) <= 400
