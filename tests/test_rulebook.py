"""The rule book: one page per registered rule, and every page's examples behave as the
page says when run through the real CLI."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli, scan_json, write_tree
from deploylint import rulepages
from deploylint.checks import RULES, rule

PAGES = rulepages.page_codes()
EXAMPLES = [(code, i, example) for code in PAGES for i, example in enumerate(rulepages.examples(rulepages.page(code)))]


def test_every_rule_has_a_page():
    missing = sorted(set(RULES) - set(PAGES))
    assert not missing, f"rules without a page in rules/: {missing}"


def test_every_page_has_a_rule():
    orphans = sorted(set(PAGES) - set(RULES))
    assert not orphans, f"pages without a rule in deploylint/checks: {orphans}"


@pytest.mark.parametrize("code", PAGES)
def test_page_heading_and_severity_match_the_rule(code):
    text = rulepages.page(code)
    module = rule(code)
    assert rulepages.heading(text) == f"{code} {module.NAME}"
    assert f"**Severity:** {module.SEVERITY.label}" in text
    for title in ("What it catches", "Why it matters", "How to fix"):
        assert rulepages.section(text, title), f"{code}: section `## {title}` is missing or empty"


@pytest.mark.parametrize("code", PAGES)
def test_page_has_a_bad_and_a_good_example(code):
    kinds = [e.kind for e in rulepages.examples(rulepages.page(code)) if e.files]
    assert "bad" in kinds and "good" in kinds, f"{code}: needs `### Bad` and `### Good` with title=\"path\" blocks"


@pytest.mark.parametrize("code, index, example", EXAMPLES,
                         ids=[f"{code}-{example.heading}" for code, _, example in EXAMPLES])
def test_example(tmp_path, code, index, example):
    root = write_tree(tmp_path / "repo", example.files)
    report = scan_json(root)
    codes = {f["code"] for f in report["findings"]}
    described = "\n".join(f"{f['code']} {f['path']}:{f['line']} {f['message']}" for f in report["findings"])
    if example.kind == "bad":
        assert code in codes, f"{code} `### {example.heading}` should raise {code}; got:\n{described}"
    else:
        assert code not in codes, f"{code} `### {example.heading}` should not raise {code}; got:\n{described}"


def test_examples_parser_reads_titled_blocks():
    text = ('# DPL000 x\n\n## Examples\n\n### Bad\n\n```text title="Procfile"\nweb: a\n```\n\n'
            "```python title='src/bot.py'\nprint(1)\n```\n\n```text\nno title: not a file\n```\n\n"
            "### Good: with a lock\n\n````yaml title=compose.yml\nservices: {}\n````\n\n## See also\n")
    bad, good = rulepages.examples(text)
    assert (bad.kind, bad.files) == ("bad", {"Procfile": "web: a\n", "src/bot.py": "print(1)\n"})
    assert (good.kind, good.heading, good.files) == ("good", "Good: with a lock", {"compose.yml": "services: {}\n"})


# -- `deploylint rule` ------------------------------------------------------------------
def test_rule_prints_the_page():
    result = run_cli("rule", "DPL901")
    assert result.returncode == 0
    assert result.stdout == rulepages.page("DPL901")


def test_rule_by_name_and_lower_case():
    assert run_cli("rule", "unused-suppression").stdout == run_cli("rule", "dpl901").stdout


def test_rule_unknown_code():
    result = run_cli("rule", "DPL999")
    assert result.returncode == 2 and "unknown rule `DPL999`" in result.stderr


def test_rule_all_json_lists_the_registry():
    result = run_cli("rule", "--all", "--format", "json")
    assert result.returncode == 0
    listed = json.loads(result.stdout)
    assert [r["code"] for r in listed] == list(RULES)
    for entry in listed:
        module = rule(entry["code"])
        assert entry == {"code": module.CODE, "name": module.NAME, "severity": module.SEVERITY.label,
                         "summary": module.SUMMARY, "fix": getattr(module, "FIX", "never")}


def test_rule_all_text():
    result = run_cli("rule", "--all")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == len(RULES)
    assert "DPL901  warning  unused-suppression" in result.stdout


def test_rule_single_json_carries_the_page():
    data = json.loads(run_cli("rule", "DPL901", "--format", "json").stdout)
    assert data["name"] == "unused-suppression" and data["explanation"] == rulepages.page("DPL901")
