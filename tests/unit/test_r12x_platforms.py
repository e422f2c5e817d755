"""Round 12 platform readers: Helm template variables, third-party cluster images."""
from __future__ import annotations

import pytest

from deploylint.formats import helm, kubernetes


def _chart(values):
    return helm.Chart("c", values, "app", "c/values.yaml", values)


@pytest.mark.parametrize("template, expected", [
    # a declaration or assignment prints nothing, trimmed or not, on its own line or inline
    ("spec:\n  {{- $repo := default \"x\" .Values.r -}}\n  x: 1", "spec:\n\n  x: 1"),
    ("spec:\n  {{ $tag := .Values.t }}\n  x: 1", "spec:\n\n  x: 1"),
    ("spec:\n  {{- $tag = \"v2\" }}\n  x: 1", "spec:\n\n  x: 1"),
    ("a: 1{{ $x := 2 }}", "a: 1"),
    # a variable used later is not followed: a placeholder, still valid YAML
    ("{{- $r := .Values.r }}\nimage: \"{{ $r }}:1\"", "\nimage: \"${helm}:1\""),
])
def test_helm_variable_declarations_print_nothing(template, expected):
    assert helm.render(_chart({"r": "bot", "t": "1"}), template).text == expected


@pytest.mark.parametrize("text", ["{{ $ := 1 }}", "{{ $x := }}", "{{ $x :=== 1 }}", "{{ $1 := 2 }}", "{{ $x" * 500,
                                  "{{ $x := (((((" * 200 + " }}"])
def test_helm_hostile_variable_actions_end(text):
    assert isinstance(helm.render(_chart({}), text).text, str)


@pytest.mark.parametrize("image, third_party", [
    ("ghcr.io/fluxcd/helm-controller:v1.2.0", True),
    ("quay.io/argoproj/argocd:v2.9.0", True),
    ("registry.k8s.io/ingress-nginx/controller:v1.9.4", True),
    ("registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.0", True),
    ("k8s.gcr.io/metrics-server/metrics-server:v0.6.1", True),
    ("ghcr.io/example/pollbot:latest", False),
    ("registry.k8s.io", False),
    ("python:3.12", False),
])
def test_cluster_tooling_images_are_third_party(image, third_party):
    assert kubernetes._third_party(image) is third_party


from deploylint.formats.compose_interpolate import interpolate  # noqa: E402


@pytest.mark.parametrize("word, env, expected", [
    ("${ENABLE:-start}", {}, "start"),
    ("${ENABLE-start}", {}, "start"),
    ("${ENABLE:-start}", {"ENABLE": "bot"}, "bot"),
    ("${ENABLE:-start}", {"ENABLE": ""}, "start"),
    ("${ENABLE-start}", {"ENABLE": ""}, ""),
    ("--mode=${MODE:-polling}", {}, "--mode=polling"),
    ("${NAME}", {}, "${NAME}"),  # no default: unknown, left as written
    ("$${ESCAPED:-x}", {}, "$${ESCAPED:-x}"),  # `$$` is a literal dollar
    ("plain", {}, "plain"),
])
def test_compose_command_interpolation(word, env, expected):
    assert interpolate(word, env) == expected


@pytest.mark.parametrize("word", ["${" * 5000, "${A:-" + "x" * 100_000 + "}", "${" + "A" * 1000 + ":-b}", "${A:-${B:-c}}"])
def test_compose_interpolation_hostile_words_end(word):
    assert isinstance(interpolate(word, {}), str)


from deploylint.commands.sequence import KEEP_ALIVE, sleep_seconds  # noqa: E402


@pytest.mark.parametrize("args, seconds", [
    (("5",), 5.0), (("1.5m",), 90.0), (("1h", "30m"), 5400.0), (("365d",), 365 * 86400.0), (("infinity",), float("inf")),
    (("$DELAY",), None), ((), None), (("9" * 30,), None), ((".",), None), (("1e9",), None), (("-1",), None), (("5x",), None),
])
def test_sleep_seconds(args, seconds):
    assert sleep_seconds(args) == seconds


def test_an_hour_or_more_keeps_alive():
    assert sleep_seconds(("3600",)) >= KEEP_ALIVE > sleep_seconds(("60",))


import time  # noqa: E402

from deploylint.discover import discover  # noqa: E402

from conftest import write_tree  # noqa: E402

PLACEHOLDER_DEPLOYMENT = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bot-{{ENV}}\nspec:\n  replicas: 3\n"
                          "  template:\n    spec:\n      containers:\n      - name: bot\n        image: {{ IMAGE }}\n")


def test_placeholder_manifest_is_read_with_unknown_values(tmp_path):
    write_tree(tmp_path, {"k8s/bot.yaml": PLACEHOLDER_DEPLOYMENT, "bot.py": ""})
    targets = kubernetes.targets(discover(tmp_path))
    launch = targets[0].launches[0]
    assert launch.copies.count == 3 and launch.name == "bot-${ENV}/bot"


@pytest.mark.parametrize("text", [
    "kind: Deployment\n" + "{{" * 100_000,
    "kind: Deployment\nspec: {{ .Values.x | quote }}\n",
    "kind: Deployment\nspec: {{ a }}}}\n" * 5000,
    "kind: Deployment\nmetadata: {name: {{ x }}}\nspec: [" * 3000,
])
def test_hostile_placeholder_manifests_end(tmp_path, text):
    write_tree(tmp_path, {"k8s/bot.yaml": text})
    started = time.monotonic()
    repo = discover(tmp_path)
    assert isinstance(kubernetes.targets(repo), list)
    assert time.monotonic() - started < 10


SCRIPT_POD = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n"
              "      containers:\n      - name: c\n        image: busybox:1.36\n{how}")


@pytest.mark.parametrize("how, first_line", [
    # the script's first line is the line after `- |`
    ("        command: [\"sh\", \"-c\"]\n        args:\n          - |\n            echo one\n            sleep 5\n", 14),
    ("        command:\n          - /bin/bash\n          - -ec\n          - |\n            echo one\n", 15),
    ("        command: [\"sh\", \"-c\"]\n        args: [\"echo one; sleep 5\"]\n", 12),
    # not a shell script: left where it was
    ("        command: [\"python\", \"-u\"]\n        args: [\"bot.py\"]\n", 11),
    ("        command: [\"sh\", \"-c\"]\n        args: [{not: text}]\n", 11),
])
def test_shell_script_in_a_pod_is_placed_at_its_text(tmp_path, how, first_line):
    write_tree(tmp_path, {"k8s/w.yaml": SCRIPT_POD.format(how=how)})
    launch = kubernetes.targets(discover(tmp_path))[0].launches[0]
    assert launch.command is None or launch.command.location.line == first_line


def test_shell_script_all_in_args_is_placed_at_its_text(tmp_path):
    how = "        args:\n          - sh\n          - -c\n          - |\n            echo one\n"
    write_tree(tmp_path, {"k8s/w.yaml": SCRIPT_POD.format(how=how)})
    launch = kubernetes.targets(discover(tmp_path))[0].launches[0]
    assert launch.command is None or launch.command.location.line == 15
