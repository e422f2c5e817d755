"""The parse-stage rules a scan skips really are parse-stage: their `check` yields nothing."""
from __future__ import annotations

from types import SimpleNamespace

from deploylint import checks


def test_parse_stage_rules_have_empty_checks_and_plan_rules_are_the_rest():
    for code in checks.PARSE_STAGE:
        module = checks.rule(code)
        assert module.CODE == code
        assert list(module.check(SimpleNamespace()) or ()) == []
    planned = {module.CODE for module in checks.plan_rules()}
    assert planned == set(checks.RULES) - checks.PARSE_STAGE
