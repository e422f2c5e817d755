"""DPL102 polling-replicated: a process that reaches a singleton runs as several copies.

Documentation: rules/DPL102.md.
"""
from __future__ import annotations

from ..model import Finding, Severity, Step
from .common import singleton_hits, trace, where
from .fixes import set_copies_to_one

CODE = "DPL102"
NAME = "polling-replicated"
SEVERITY = Severity.ERROR
FIX = "sometimes"  # --fix availability: always | sometimes | never (see the page's "Fix" section)
SUMMARY = "a process that reaches a singleton runs with more than one copy"


def check(plan):
    reported = set()
    for instance, evidence in singleton_hits(plan):
        copies = instance.copies
        if copies.count <= 1 or (id(instance), evidence.family) in reported:
            continue
        reported.add((id(instance), evidence.family))
        location = copies.location or instance.launch.location
        assumed = " (assumed)" if copies.assumed else ""
        steps = [Step(location, f"{copies.reason}: {copies.count} copies{assumed}"), *trace(instance, evidence)]
        yield Finding(
            CODE,
            f"{evidence.singleton} runs in {copies.count} copies of {instance.label}{assumed} "
            f"({copies.reason}); started at {where(evidence)}",
            location,
            _hint(instance, evidence),
            steps,
            fix=_fix(plan, instance, copies),
        )


def _fix(plan, instance, copies):
    """Set the copies to 1 where the number is written. Safe when the process's only job
    is the singleton (not a web process or a server, whose capacity would shrink)."""
    if copies.location is None or " x " in copies.reason:
        return None
    web = instance.launch.role == "web" or instance.process.server or instance.process.kind == "python-app"
    return set_copies_to_one(plan.repo, copies.location, f"the copies of {instance.label}",
                             "unsafe" if web else "safe")


def _hint(instance, evidence) -> str:
    if evidence.family == "telegram":
        return ("run exactly one copy of the polling process (set replicas/instances to 1), "
                "or switch the bot to webhooks, which any number of copies can serve")
    if evidence.family.startswith("celery-beat"):
        return "run Celery beat as its own process with exactly one copy; keep workers without -B"
    return "run this process with exactly one copy, or move the singleton into a process of its own with one copy"
