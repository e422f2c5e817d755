"""Inline suppressions and per-file-ignores through the real CLI, and DPL901 for the
ones that match nothing."""
from __future__ import annotations

import pytest

from conftest import run_cli, scan_json
from deploylint.suppress import parse

BEAT = "celery -A app beat"


def found(report: dict) -> list[str]:
    return sorted(f"{f['code']} {f['path']}:{f['line']}" for f in report["findings"])


def test_comment_on_the_line_above_suppresses(tree):
    root = tree({"Procfile": f"web: {BEAT}\n# deploylint: ignore[DPL101] beat moves out next sprint\nworker: {BEAT}\n"})
    assert found(scan_json(root)) == []


def test_trailing_comment_on_the_finding_line_suppresses(tree):
    root = tree({"Procfile": f"web: {BEAT}\nworker: {BEAT}  # deploylint: ignore[DPL101] known, tracked in #12\n"})
    assert found(scan_json(root)) == []


def test_stacked_comments_cover_the_first_line_below(tree):
    root = tree({"Procfile": f"web: {BEAT}\n# deploylint: ignore[DPL303] unrelated\n"
                             f"# deploylint: ignore[DPL101] reason\nworker: {BEAT}\n"})
    assert found(scan_json(root)) == ["DPL901 Procfile:2"]  # DPL303 matched nothing


def test_prefix_codes_and_lists(tree):
    root = tree({"Procfile": f"web: {BEAT}\nworker: {BEAT}  # deploylint: ignore[DPL1, DPL3] ok\n"})
    assert found(scan_json(root)) == ["DPL901 Procfile:2"]  # DPL3 unused, DPL1 used
    message = scan_json(root)["findings"][0]["message"]
    assert message == "unused suppression: no DPL3 finding on this line"


def test_blank_line_breaks_the_line_above(tree):
    root = tree({"Procfile": f"web: {BEAT}\n# deploylint: ignore[DPL101] reason\n\nworker: {BEAT}\n"})
    assert found(scan_json(root)) == ["DPL101 Procfile:4", "DPL901 Procfile:2"]


def test_wrong_code_does_not_suppress_and_is_reported(tree):
    root = tree({"Procfile": f"web: {BEAT}\nworker: {BEAT}  # deploylint: ignore[DPL102] reason\n"})
    report = scan_json(root)
    assert found(report) == ["DPL101 Procfile:2", "DPL901 Procfile:2"]
    unused = next(f for f in report["findings"] if f["code"] == "DPL901")
    assert unused["severity"] == "warning" and unused["name"] == "unused-suppression"
    assert unused["column"] == len(f"worker: {BEAT}  ") + 1
    assert unused["hint"]


def test_unknown_code_is_reported(tree):
    root = tree({"Procfile": f"web: {BEAT}  # deploylint: ignore[DPL999] typo\n"})
    report = scan_json(root)
    assert [f["message"] for f in report["findings"]] == ["suppression names `DPL999`, which is not a deploylint rule"]


def test_stale_comment_in_a_file_without_findings_is_reported(tree):
    """Config-kind files are searched even when they produced no finding."""
    root = tree({"Procfile": "web: celery -A app worker\n",
                 "Dockerfile": "FROM python:3.12\n# deploylint: ignore[DPL103] old start script\nCMD [\"python\"]\n",
                 "deploy/compose.yaml": "services:\n  bot:\n    image: x  # deploylint: ignore[DPL102] replicas gone\n",
                 "README.md": "# deploylint: ignore[DPL101] documentation, not a suppression\n"})
    assert found(scan_json(root, "--select", "DPL1,DPL9")) == ["DPL901 Dockerfile:2", "DPL901 deploy/compose.yaml:3"]


def test_unused_suppression_fails_the_run(tree):
    root = tree({"Procfile": f"web: {BEAT}  # deploylint: ignore[DPL101] was duplicated\n"})
    result = run_cli(str(root))
    assert result.returncode == 1
    assert "DPL901" in result.stdout and "unused suppression: no DPL101 finding on this line" in result.stdout


def test_suppressions_of_disabled_rules_are_not_unused(tree):
    root = tree({"Procfile": f"web: {BEAT}  # deploylint: ignore[DPL101] reason\n"})
    assert found(scan_json(root, "--ignore", "DPL101")) == []
    assert found(scan_json(root, "--ignore", "DPL901")) == []


def test_require_reason(tree):
    root = tree({"Procfile": f"web: {BEAT}\nworker: {BEAT}  # deploylint: ignore[DPL101]\n"})
    assert found(scan_json(root)) == []  # accepted without a reason by default
    report = scan_json(root, "--require-reason")
    assert found(report) == ["DPL901 Procfile:2"]
    assert report["findings"][0]["message"] == "suppression of DPL101 gives no reason"
    (root / ".deploylint.toml").write_text("require-reason = true\n")
    assert found(scan_json(root)) == ["DPL901 Procfile:2"]


def test_require_reason_is_satisfied_by_a_reason(tree):
    root = tree({"Procfile": f"web: {BEAT}\nworker: {BEAT}  # deploylint: ignore[DPL101] - migration in progress\n"})
    assert found(scan_json(root, "--require-reason")) == []


def test_unused_per_file_ignores_entry_is_reported_at_its_line(tree):
    root = tree({"Procfile": f"web: {BEAT}\nworker: {BEAT}\n",
                 "pyproject.toml": '[tool.deploylint]\nper-file-ignores = {"Procfile" = ["DPL101"], '
                                   '"old/*" = ["DPL102"]}\n'})
    report = scan_json(root)
    assert found(report) == ["DPL901 pyproject.toml:2"]
    assert '"old/*"' in report["findings"][0]["message"]


def test_per_file_ignores_silence_dpl901_too(tree):
    root = tree({"Procfile": f"web: {BEAT}  # deploylint: ignore[DPL101] stale\n",
                 ".deploylint.toml": 'per-file-ignores = {"Procfile" = ["DPL901"]}\n'})
    assert found(scan_json(root)) == []


# -- comment syntax per file type (the parser alone) ----------------------------------
@pytest.mark.parametrize("path, text, codes", [
    ("Procfile", "web: x  # deploylint: ignore[DPL102] why\n", ("DPL102",)),
    ("compose.yml", "    replicas: 2 # deploylint: ignore[DPL102,DPL105] why\n", ("DPL102", "DPL105")),
    ("railway.toml", "numReplicas = 2 # deploylint:ignore[dpl102] why\n", ("DPL102",)),
    ("Dockerfile", "# deploylint: ignore[DPL103] why\n", ("DPL103",)),
    ("start.sh", "python bot.py &  # deploylint: ignore[DPL103]\n", ("DPL103",)),
    ("bot.py", "app.run_polling()  # deploylint: ignore[DPL104] why\n", ("DPL104",)),
    ("ecosystem.config.js", "  instances: 2, // deploylint: ignore[DPL102] why\n", ("DPL102",)),
    ("src/bot.ts", "bot.launch(); // deploylint: ignore[DPL101]\n", ("DPL101",)),
])
def test_comment_styles(path, text, codes):
    (suppression,) = parse(path, text)
    assert suppression.codes == codes and suppression.line == 1


def test_hash_comment_in_js_and_slash_comment_in_python_are_not_suppressions():
    assert parse("index.js", "# deploylint: ignore[DPL101]\n") == []
    assert parse("bot.py", "x = 1  // deploylint: ignore[DPL101]\n") == []
    assert parse("bot.py", "url = 'http://x'#deploylint: ignore[DPL101]\n") == []  # no space: not a comment


def test_reason_and_covered_lines():
    first, second = parse("Procfile", "# deploylint: ignore[DPL102] — locks in Redis\n"
                                      "# deploylint: ignore[DPL105]\nweb: x\n")
    assert first.reason == "locks in Redis" and second.reason == ""
    assert first.covers == (1, 3) and second.covers == (2, 3)
