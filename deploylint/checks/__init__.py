"""The rules: one module per rule, registered here by code.

Each module defines CODE, NAME, SEVERITY (default), SUMMARY (one line, for tables) and
`check(plan) -> Iterable[Finding]`. Its full documentation is the rule-book page
`rules/<CODE>.md`. Parse-stage rules (DPL001-DPL004) are reported while reading files;
their modules have a `check` that yields nothing so the registry stays complete.
"""
from __future__ import annotations

import importlib
from types import ModuleType

RULES: dict[str, str] = {
    "DPL001": "unparsable_config",
    "DPL002": "invalid_config",
    "DPL003": "missing_entrypoint",
    "DPL004": "unresolved_command",
    "DPL005": "deprecated_config",
    "DPL006": "analysis_limit",
    "DPL101": "polling_started_twice",
    "DPL102": "polling_replicated",
    "DPL103": "polling_in_background",
    "DPL104": "polling_in_web_workers",
    "DPL105": "polling_deploy_overlap",
    "DPL106": "mixed_web_worker",
    "DPL107": "shadowed_start_command",
    "DPL108": "polling_and_webhook",
    "DPL109": "singleton_after_exit",
    "DPL110": "backgrounded_and_exits",
    "DPL201": "hardcoded_bot_token",
    "DPL202": "shared_bot_token",
    "DPL301": "kill_by_name",
    "DPL302": "local_instance_lock",
    "DPL303": "sleep_sequencing",
    "DPL901": "unused_suppression",
}


def rule(code: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{RULES[code]}")


# Reported while files are read (formats, commands, suppressions): their modules hold
# the documentation and a `check` that yields nothing, so a scan never imports them.
PARSE_STAGE = frozenset({"DPL001", "DPL002", "DPL003", "DPL004", "DPL006", "DPL901"})


def all_rules() -> list[ModuleType]:
    return [rule(code) for code in RULES]


def plan_rules(plan=None) -> list[ModuleType]:
    """The rules that look at the plan, imported on first use. With `plan`, a rule whose
    input the plan lacks (no token literal for DPL201/202, no `pkill` for DPL301, ...) is
    left out unimported: its check could only yield nothing (tests/test_startup.py)."""
    return [rule(code) for code in RULES if code not in PARSE_STAGE and (plan is None or _may_apply(code, plan))]


def _may_apply(code: str, plan) -> bool:
    test = _INPUT.get(code)
    if test is None:
        return True
    try:
        return bool(test(plan))
    except Exception:  # noqa: BLE001 - the rule runs (behind its own boundary) and reports what fails
        return True


def _token_literals(plan) -> bool:
    from ..secrets import token_uses

    return bool(token_uses(plan.repo))


def _facts(kind: str, evidence: bool = False):
    def test(plan) -> bool:
        return any(fact.kind == kind for lp in plan.launches for fact in lp.facts) or evidence and any(
            item.kind == kind for lp in plan.launches for instance in lp.instances for item in instance.evidence)

    return test


def _railway_config(plan) -> bool:
    from ..formats.names import is_railway

    return bool(plan.repo.named(is_railway))


def _backgrounded(plan) -> bool:
    return any(instance.process.background for lp in plan.launches for instance in lp.instances)


# What each rule's check reads before it can yield anything: a necessary condition, cheap
# to test on the plan, and stated beside the rule's own loop (DPL201/202 report token_uses;
# DPL301 the kill-by-name facts and evidence; DPL303 the sleep facts; DPL107 the targets'
# shadows; DPL103/DPL110 a process started in the background; DPL005 a railway.json/toml).
# A rule that gains another input must say so here.
_INPUT = {
    "DPL005": _railway_config,
    "DPL103": _backgrounded,
    "DPL107": lambda plan: any(target.shadows for target in plan.targets),
    "DPL110": _backgrounded,
    "DPL201": _token_literals,
    "DPL202": _token_literals,
    "DPL301": _facts("kill-by-name", evidence=True),
    "DPL303": _facts("sleep"),
}
