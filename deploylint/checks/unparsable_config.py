"""DPL001 unparsable-config: a config file that cannot be parsed (syntax, encoding, too large).

Reported while files are read and commands analysed (see repo.py, commands/), so this
module only registers the rule. Documentation: rules/DPL001.md.
"""
from ..model import Severity

CODE = "DPL001"
NAME = "unparsable-config"
SEVERITY = Severity.ERROR
SUMMARY = "a config file that cannot be parsed (syntax, encoding, too large)"


def check(plan):
    return ()
