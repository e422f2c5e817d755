"""DPL901 unused-suppression: a suppression comment or config entry that matches no finding.

Suppressions are matched after every other rule has run, so the work happens in
deploylint/suppress.py; this module registers the rule. Documentation: rules/DPL901.md.
"""
from ..model import Severity

CODE = "DPL901"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
SUMMARY = "a suppression comment or config entry that matches no finding"


def check(plan):
    return ()
