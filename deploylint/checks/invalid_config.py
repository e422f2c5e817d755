"""DPL002 invalid-config: structure or schema errors, unknown keys, wrong types in a config file.

Reported while files are read and commands analysed (see repo.py, commands/), so this
module only registers the rule. Documentation: rules/DPL002.md.
"""
from ..model import Severity

CODE = "DPL002"
NAME = "invalid-config"
SEVERITY = Severity.WARNING
SUMMARY = "structure or schema errors, unknown keys, wrong types in a config file"


def check(plan):
    return ()
