"""DPL103 polling-in-background: a singleton started in the background (`&`, nohup,
concurrently, honcho) beside another long-running process.

Documentation: rules/DPL103.md.
"""
from __future__ import annotations

from ..model import Finding, Severity
from . import wording
from .common import only_in, same_bot, trace, where
from .fixes import remove_background

CODE = "DPL103"
NAME = "polling-in-background"
SEVERITY = Severity.ERROR
FIX = "sometimes"  # --fix availability (see the page's "Fix" section)
SUMMARY = "a singleton backgrounded (`&`, nohup, concurrently...) beside another process"


def check(plan):
    for lp in plan.launches:
        if not lp.launch.runs or getattr(lp.target, "quiet", False):
            continue  # (CI steps, GitHub Actions: nothing is supervised there; how long a run lasts is the workflow's)
        running = [i for i in lp.instances if i.process.long_running and not i.process.after]
        for instance in running:
            if not instance.process.background or instance.process.restarted:
                continue  # a shell restart loop supervises it (`while true; do python bot.py; sleep 5; done &`)
            singletons = [e for e in instance.evidence if e.is_singleton]
            if not singletons:
                continue
            others = [_beside(instance, running)]
            if others[0] is None:
                continue
            evidence = singletons[0]
            words = wording.of(evidence)
            beside = " ".join(others[0].process.argv)
            yield Finding(
                CODE,
                f"{evidence.singleton} ({where(evidence)}) is started in the background by {lp.launch.label}, beside "
                f"`{beside}`{only_in(instance)}: nothing supervises or restarts it, and a restarted container or shell "
                f"starts it a second time; {words.clash}",
                instance.process.location,
                f"{words.separate} (its own process type or service) instead of `&` in another process's start command",
                trace(instance, evidence),
                # a script nothing deploys (run by hand on a dev box, a dev Procfile) is
                # worth a warning, not a deployment error
                severity=Severity.WARNING if lp.target.platform == "local" else None,
                singleton=wording.singleton(evidence),
                fix=_fix(plan, lp, instance, evidence),
            )


def _beside(instance, running):
    """The process to name as running beside a backgrounded singleton: the one that
    keeps the container alive (a known server or program in the foreground) before a
    command deploylint could not classify (an inline `python -c` one-off)."""
    candidates = [i for i in running if i is not instance and i.process.runs_beside(instance.process)]
    if not candidates:
        return None
    return min(candidates, key=lambda i: (i.process.kind in ("other", "unknown"), i.process.background))


def _fix(plan, lp, instance, evidence):
    """Unsafe: drop `... &` from the command, when another process of the same
    deployment already runs the same singleton in the foreground (a worker)."""
    covered = any(other.launch is not lp.launch and other.launch.runs and not other.process.background
                  and not other.process.after and any(e.is_singleton and same_bot(e, evidence) for e in other.evidence)
                  for other_lp in plan.running(lp.target) for other in other_lp.instances)
    if not covered:
        return None
    return remove_background(plan.repo, instance.process.location)
