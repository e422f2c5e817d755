"""DPL301 kill-by-name: start-up that kills "the other instance" by process name.

`pkill -f bot.py`, `killall python`, `fuser -k`, `kill $(pgrep ...)` in a start command
or entry script, or the same from bot start-up code (subprocess, psutil loops...). The
duplicate that causes a 409 is in another container, dyno or machine, where a process
table lookup cannot reach it; on a shared host the pattern kills whatever else matches
(another deployment, an editor's process). Seeds 000 and 003. Documentation: rules/DPL301.md.
"""
from __future__ import annotations

from ..model import Finding, Severity, Step
from .common import trace

CODE = "DPL301"
NAME = "kill-by-name"
SEVERITY = Severity.WARNING
SUMMARY = "start-up that pkill/killall's \"other instances\""

WHY = ("each container has its own process table, so it never finds the copy in another container, dyno or "
       "deployment that causes the duplicate, and on a shared host it kills whatever else matches")
WHY_ONE_HOST = ("on this host it kills every process that matches (other apps, other users', the process manager's "
                "own), and a duplicate on another machine or container is out of its reach")
HINT = ("remove the kill-by-name and make the deployment start exactly one copy (one process type, one replica); "
        "let the platform or process manager stop the old copy, and make the bot or scheduler stop on SIGTERM so it exits promptly")


def check(plan):
    reported = set()
    for lp in plan.launches:
        if not lp.launch.runs:
            continue
        for fact in lp.facts:
            if fact.kind == "kill-by-name" and fact.location not in reported:
                reported.add(fact.location)
                yield Finding(CODE, f"`{fact.text}` in {lp.launch.label} kills processes by {_by(fact.text)}: {_why(lp.target)}",
                              fact.location, HINT, [Step(fact.location, f"{lp.launch.label} runs `{fact.text}`")])
        for instance in lp.instances:
            for evidence in instance.evidence:
                if evidence.kind == "kill-by-name" and evidence.location not in reported:
                    reported.add(evidence.location)
                    yield Finding(CODE, f"start-up code of {instance.label} runs {evidence.singleton}: {_why(instance.target)}",
                                  evidence.location, HINT, trace(instance, evidence))


def _by(command: str) -> str:
    return "the port or file they hold" if command.split()[:1] == ["fuser"] else "name"


def _why(target) -> str:
    return WHY if target.hosts_differ else WHY_ONE_HOST
