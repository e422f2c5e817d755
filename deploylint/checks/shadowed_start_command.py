"""DPL107 shadowed-start-command: several start-command sources, and the one that wins
is not the obvious one.

Documentation: rules/DPL107.md.
"""
from __future__ import annotations

from ..model import Finding, Severity

CODE = "DPL107"
NAME = "shadowed-start-command"
SEVERITY = Severity.WARNING
SUMMARY = "several start-command sources; the one that wins is not the obvious one"


def check(plan):
    for target in plan.targets:
        for shadow in target.shadows:
            yield Finding(CODE, shadow.message, shadow.location, shadow.hint, list(shadow.trace))
