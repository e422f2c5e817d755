"""DPL003 missing-entrypoint: a start command names a file or module that is not in the repository.

Reported while files are read and commands analysed (see repo.py, commands/), so this
module only registers the rule. Documentation: rules/DPL003.md.
"""
from ..model import Severity

CODE = "DPL003"
NAME = "missing-entrypoint"
SEVERITY = Severity.WARNING
SUMMARY = "a start command names a file or module that is not in the repository"


def check(plan):
    return ()
