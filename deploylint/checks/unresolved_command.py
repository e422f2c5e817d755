"""DPL004 unresolved-command: a start command that cannot be followed statically.

Reported while files are read and commands analysed (see repo.py, commands/), so this
module only registers the rule. Documentation: rules/DPL004.md.
"""
from ..model import Severity

CODE = "DPL004"
NAME = "unresolved-command"
SEVERITY = Severity.INFO
SUMMARY = "a start command that cannot be followed statically"


def check(plan):
    return ()
