"""DPL006 analysis-limit: a file or command deploylint could not analyse (too large, too
deeply nested, newer syntax than it parses): says what was skipped.

Reported where the input is read or analysed (deploylint/safe.py: the per-file,
per-launch and per-rule boundaries and the explicit limits), so this module only
registers the rule. Documentation: rules/DPL006.md.
"""
from ..model import Severity

CODE = "DPL006"
NAME = "analysis-limit"
SEVERITY = Severity.INFO
SUMMARY = "a file or command deploylint could not analyse (too large, too deeply nested, newer syntax than it parses)"


def check(plan):
    return ()
