"""SARIF output validated against the official SARIF 2.1.0 schema (tests/data, from
oasis-tcs/sarif-spec, errata01), stable fingerprints, redaction; and the GitHub Action's
run step executed with the real CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from deploylint.checks import RULES

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
TWICE = "web: celery -A app beat\nworker: celery -A app beat\n"
TOKEN = "7012345678:AAHf3kX9vQwErTyUiOpAsDfGhJkLzXcVbNm"  # deploylint: ignore[DPL201] a fake token for the redaction test


def sarif(root: Path, *args: str) -> dict:
    result = run_cli("--format", "sarif", *args, str(root))
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def validate(document: dict) -> None:
    import jsonschema

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_schema_is_the_official_one():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def test_sarif_is_valid_and_complete(tree):
    root = tree({"Procfile": TWICE})
    document = sarif(root)
    validate(document)
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "deploylint"
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for descriptor in driver["rules"]:
        assert descriptor["name"] and descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"] and descriptor["help"]["markdown"]
        assert descriptor["helpUri"].endswith(f"/rules/{descriptor['id']}.md")
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    (result,) = run["results"]
    assert result["ruleId"] == "DPL101" and result["level"] == "error"
    assert driver["rules"][result["ruleIndex"]]["id"] == "DPL101"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("/Procfile")  # outside the working directory
    assert json.loads(run_cli("--format", "sarif", cwd=root).stdout)["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["artifactLocation"] == {"uri": "Procfile", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 2 and location["region"]["startColumn"] == 1
    assert [r["physicalLocation"]["region"]["startLine"] for r in result["relatedLocations"]] == [1, 1, 2, 2]
    assert all(r["message"]["text"] for r in result["relatedLocations"])
    assert "How to fix:" in result["message"]["text"]


def test_help_comes_from_the_rule_page(tree):
    from deploylint import rulepages

    document = sarif(tree({"Procfile": TWICE}))
    descriptor = next(r for r in document["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "DPL901")
    assert descriptor["help"]["markdown"] == rulepages.page("DPL901")
    assert descriptor["fullDescription"]["text"].startswith("A `deploylint: ignore[...]` comment that suppresses")


def test_configured_severity_is_the_level(tree):
    root = tree({"Procfile": TWICE, ".deploylint.toml": 'severity = {DPL101 = "info"}\n'})
    document = sarif(root)
    validate(document)
    assert document["runs"][0]["results"][0]["level"] == "note"
    descriptor = document["runs"][0]["tool"]["driver"]["rules"][list(RULES).index("DPL101")]
    assert descriptor["defaultConfiguration"]["level"] == "note"


def test_fingerprints_survive_moved_lines(tree):
    root = tree({"Procfile": TWICE})
    before = sarif(root)["runs"][0]["results"][0]
    (root / "Procfile").write_text("# the processes\n\n" + TWICE)
    after = sarif(root)["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert after["partialFingerprints"] == before["partialFingerprints"]
    (root / "Procfile").write_text(TWICE.replace("worker:", "clock:"))
    changed = sarif(root)["runs"][0]["results"][0]
    assert changed["partialFingerprints"] != before["partialFingerprints"]


def test_subdirectory_scan_uses_paths_from_the_working_directory(tree):
    root = tree({"svc/Procfile": TWICE})
    result = run_cli("--format", "sarif", "svc", cwd=root)
    document = json.loads(result.stdout)
    validate(document)
    assert document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == "svc/Procfile"


def test_empty_run_is_valid(tree):
    document = sarif(tree({"Procfile": "web: celery -A app worker\n"}))
    validate(document)
    assert document["runs"][0]["results"] == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown"])
def test_no_format_prints_a_token(tree, fmt):
    root = tree({"Procfile": f"web: BOT_TOKEN={TOKEN} celery -A app beat\nworker: celery -A app beat\n"})
    result = run_cli("--format", fmt, str(root))
    assert result.returncode == 1, result.stderr
    assert TOKEN not in result.stdout and TOKEN.split(":")[1] not in result.stdout
    assert "DPL101" in result.stdout
