"""Multi-document manifests: only workloads, HPAs and kustomizations are parsed, each
document on its own, with the locations of the whole file."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats import kubernetes

from conftest import write_tree

SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: bot\nspec:\n  ports:\n  - port: 80\n"
DEPLOYMENT = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bot\nspec:\n  replicas: 3\n  template:\n"
              "    spec:\n      containers:\n      - name: bot\n        image: ghcr.io/acme/bot:1\n"
              "        command: [\"python\", \"bot.py\"]\n")


def test_a_workload_after_other_documents_keeps_its_lines(tmp_path):
    text = "---\n" + SERVICE + "---\n" + "kind: ConfigMap\ndata:\n  a: '1'\n" + "---\n" + DEPLOYMENT
    write_tree(tmp_path, {"k8s/app.yaml": text, "bot.py": ""})
    repo = discover(tmp_path)
    targets = kubernetes.targets(repo)
    launch = targets[0].launches[0]
    replicas_line = text.splitlines().index("  replicas: 3") + 1
    assert launch.copies.count == 3
    assert launch.copies.location.line == replicas_line


def test_a_broken_document_that_cannot_matter_is_not_parsed(tmp_path):
    text = SERVICE + "---\nkind: Secret\nstringData: {a: [1, 2\n---\n" + DEPLOYMENT
    write_tree(tmp_path, {"k8s/app.yaml": text, "bot.py": ""})
    repo = discover(tmp_path)
    targets = kubernetes.targets(repo)
    assert targets and targets[0].launches[0].copies.count == 3
    assert not [f for f in repo.findings if f.code == "DPL001"]


def test_a_single_document_file_is_read_whole(tmp_path):
    write_tree(tmp_path, {"deploy.yaml": DEPLOYMENT, "bot.py": ""})
    repo = discover(tmp_path)
    assert kubernetes.targets(repo)[0].launches[0].copies.count == 3


def test_an_empty_flow_mapping_after_other_documents_keeps_the_file(tmp_path):
    # `emptyDir: {}` / `resources: {}` in a later document: an empty mapping has no line
    # data, and shifting its lines must not fail (the whole file was set aside with DPL006)
    text = SERVICE + "---\n" + DEPLOYMENT + "        resources: {}\n        env: []\n"
    write_tree(tmp_path, {"k8s/app.yaml": text, "bot.py": ""})
    repo = discover(tmp_path)
    targets = kubernetes.targets(repo)
    assert targets and targets[0].launches[0].copies.count == 3
    assert targets[0].launches[0].copies.location.line == text.splitlines().index("  replicas: 3") + 1
    assert not [f for f in repo.findings if f.code == "DPL006"]
