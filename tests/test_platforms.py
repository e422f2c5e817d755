"""Which platform a finding is about: the `platforms` setting, `--platform`, the JSON field
and the message prefix when a repository holds configs for several platforms."""
from __future__ import annotations

import json

from conftest import SCENARIOS, run_cli, scan_json

EVERY = SCENARIOS / "cg-platform-every-target" / "repo"


def test_every_target_names_its_platform():
    report = scan_json(EVERY)
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["DPL101"]["platform"] == "heroku" and by_code["DPL101"]["message"].startswith("On Heroku, ")
    assert by_code["DPL104"]["platform"] == "heroku"
    assert by_code["DPL107"]["platform"] == "railway"
    # says "on Railway" already: not said twice
    assert not by_code["DPL107"]["message"].startswith("On Railway")


def test_platform_option_restricts_the_targets():
    report = scan_json(EVERY, "--platform", "railway")
    assert [(f["code"], f["path"]) for f in report["findings"]] == [("DPL107", "Procfile"), ("DPL005", "railway.json")]
    report = scan_json(EVERY, "--platform", "heroku")
    assert sorted(f["code"] for f in report["findings"]) == ["DPL101", "DPL104"]
    # one platform: the message needs no prefix, the JSON field still says it
    assert all(not f["message"].startswith("On ") and f["platform"] == "heroku" for f in report["findings"])


def test_platform_option_is_repeatable_and_takes_aliases():
    report = scan_json(EVERY, "--platform", "Railway", "--platform", "procfile")
    assert sorted(f["code"] for f in report["findings"]) == ["DPL005", "DPL101", "DPL104", "DPL107"]


def test_unknown_platform_is_a_usage_error():
    result = run_cli("--platform", "herokku", str(EVERY))
    assert result.returncode == 2
    assert "did you mean `heroku`" in result.stderr and "Traceback" not in result.stderr


def test_platforms_setting_in_config(tmp_path):
    config = tmp_path / "deploylint.toml"
    config.write_text('[tool.deploylint]\nplatforms = ["railway"]\n')
    result = run_cli("--format", "json", "--config", str(config), str(EVERY))
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["DPL107", "DPL005"]  # DPL005: the railway.json is deprecated Config as Code
    shown = run_cli("--show-config", "--config", str(config), str(EVERY)).stdout
    assert 'platforms = ["railway"]' in shown


def test_bad_platforms_value_in_config(tmp_path):
    config = tmp_path / ".deploylint.toml"
    config.write_text('platforms = "railway, heroku"\n')
    result = run_cli("--config", str(config), str(EVERY))
    assert result.returncode == 2 and "platform" in result.stderr


def test_plan_takes_platform():
    result = run_cli("plan", "--platform", "railway", str(EVERY))
    assert result.returncode == 0, result.stderr
    assert "railway.json (railway)" in result.stdout and "(heroku)" not in result.stdout
