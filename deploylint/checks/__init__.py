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


def plan_rules() -> list[ModuleType]:
    """The rules that look at the plan, imported on first use."""
    return [rule(code) for code in RULES if code not in PARSE_STAGE]
