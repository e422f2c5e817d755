"""DPL303 sleep-sequencing: `sleep N` used to order processes in a start command.

Documentation: rules/DPL303.md.
"""
from __future__ import annotations

from ..model import Finding, Severity

CODE = "DPL303"
NAME = "sleep-sequencing"
SEVERITY = Severity.INFO
SUMMARY = "`sleep N` used to order processes in a start command"


def check(plan):
    said: set = set()  # a script's sleep is one finding, however many platforms run the script
    for lp in plan.launches:
        running = [i for i in lp.instances if i.process.long_running]
        if not running:
            continue
        for fact in lp.facts:
            if fact.kind == "sleep" and fact.location not in said:
                said.add(fact.location)
                yield Finding(
                    CODE,
                    f"`{fact.text}` in {lp.launch.label} orders start-up by waiting, which races on a slow start "
                    "and hides the real dependency",
                    fact.location,
                    "don't sequence processes with sleep: run them as separate processes, or wait for a real "
                    "readiness signal (a health check, a port, `wait-for-it`)",
                    list(running[0].process.trace[:1]),
                )
