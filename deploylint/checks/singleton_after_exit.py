"""DPL109 singleton-after-exit: a must-run-once process that starts only after a
foreground long-running command exits (`uvicorn app:app; python bot.py`), so it is a
fallback that is down while the first command is up; or a poller that runs only in one
branch of a condition whose other branch serves the same bot by webhook (not when both
branches start the same program, which picks the mode itself).

It is not a second copy (DPL101/DPL103 do not count it): the shell waits for the
foreground command, and the line after it starts only when that command exits or
crashes. Documentation: rules/DPL109.md.
"""
from __future__ import annotations

from ..model import Finding, Severity, Step
from . import wording
from .common import label, only_in, same_bot, trace, where

CODE = "DPL109"
NAME = "singleton-after-exit"
SEVERITY = Severity.WARNING
POLLS = ("polling", "polling-fallback")
SUMMARY = ("a singleton that starts only after a foreground long-running command exits, "
           "or only in one branch of a condition")


def check(plan):
    reported = set()
    for lp in plan.launches:
        launch = lp.launch
        if not launch.runs or launch.role == "release":
            continue
        for instance in lp.instances:
            process = instance.process
            for evidence in instance.evidence:
                if evidence.after_serving and evidence.location not in reported and not process.after:
                    reported.add(evidence.location)
                    yield _after_serving(instance, evidence)
            singletons = [e for e in instance.evidence if e.is_singleton]
            if not singletons:
                continue
            evidence = singletons[0]
            key = (process.location, evidence.location)
            if key in reported:
                continue
            if process.after:
                reported.add(key)
                yield _after_exit(instance, evidence)
            elif process.branches:
                finding = _webhook_in_other_branch(lp, instance, evidence)
                if finding is not None:
                    reported.add(key)
                    yield finding


def _after_exit(instance, evidence) -> Finding:
    process = instance.process
    program = " ".join(process.argv)
    steps = []
    if process.after_location is not None:
        steps.append(Step(process.after_location, "runs in the foreground until it exits"))
    steps.extend(trace(instance, evidence))
    return Finding(
        CODE,
        f"{evidence.singleton} ({where(evidence)}) starts only if {process.after}: {instance.label} runs "
        f"`{program}` after that command, not beside it, so it is down while the first command is up and "
        f"starts when that command stops or crashes{only_in(instance)}",
        process.location,
        f"if `{program}` should always run, give it a process of its own (a Procfile process type, a separate "
        "service) instead of a line after a command that never exits; if it is meant as a fallback, remove it "
        "and let the platform restart the crashed command",
        steps,
        singleton=wording.singleton(evidence),
    )


def _after_serving(instance, evidence) -> Finding:
    """The Python twin of `_after_exit`: the code starts the singleton on a line after a call
    that serves until the process stops (`app.run()` then `bot.polling()`)."""
    steps = trace(instance, evidence)
    if evidence.after_location is not None:
        steps.insert(max(len(steps) - 1, 0), Step(evidence.after_location, "serves until the server stops"))
    return Finding(
        CODE,
        f"{evidence.singleton} ({where(evidence)}) starts only after {evidence.after}: {label(instance)} runs the "
        "server call first and it blocks, so this line is not reached while the server is up; it starts only "
        f"when the server stops or crashes{only_in(instance)}",
        evidence.location,
        "start it before the server call (in a thread or task of its own, or a separate process such as a "
        "Procfile process type or service), or drop it if it is meant as a fallback",
        steps,
        singleton=wording.singleton(evidence),
    )


def _webhook_in_other_branch(lp, instance, evidence):
    if evidence.kind not in POLLS:
        return None
    own_hook = next((e for e in instance.evidence if e.kind == "webhook" and same_bot(e, evidence)), None)
    for other in lp.instances:
        if not other.process.excludes(instance.process):
            continue
        hook = next((e for e in other.evidence if e.kind == "webhook" and same_bot(e, evidence)), None)
        if hook is None:
            continue
        other_polls = next((e for e in other.evidence if e.kind in POLLS and same_bot(e, evidence)), None)
        other_branch = other.process.condition or "another branch"
        if other_polls is not None and own_hook is not None:  # both branches reach both modes
            if _same_program(instance.process, other.process) or _place(other) < _place(instance):
                continue  # the code picks the mode, not the condition (DPL108); or reported at the other branch
            mode = (f"runs in {instance.process.condition}, which also serves the same bot by webhook "
                    f"({where(own_hook)}), and {other_branch} does both too (webhook {where(hook)}, polling "
                    f"{where(other_polls)}): which mode runs depends on run-time conditions in the start script "
                    "and in the code, and polling deletes the webhook")
            tail = ""
        else:
            if other_polls is None:
                mode = (f"runs only in {instance.process.condition}, while {other_branch} serves the same bot by "
                        f"webhook ({where(hook)})")
            else:
                mode = (f"runs in {instance.process.condition}, while {other_branch} serves the same bot by "
                        f"webhook ({where(hook)}) or polls it too ({where(other_polls)})")
            tail = "whether the deployment polls depends on a run-time condition, and polling deletes the webhook"
        return Finding(
            CODE,
            f"{evidence.singleton} ({where(evidence)}) {mode}{': ' + tail if tail else ''}",
            instance.process.location,
            "pick one mode per deployment and make it explicit (a separate service or start command for the "
            "poller); do not let an environment variable silently switch the bot from webhook to polling",
            [*trace(other, hook), *trace(instance, evidence)],
            singleton=wording.singleton(evidence),
        )
    return None


def _same_program(one, two) -> bool:
    """Both branches start the same file (`python bot.py` / `python -O bot.py`)."""
    return one.entry is not None and (one.kind, one.entry, one.app) == (two.kind, two.entry, two.app)


def _place(instance) -> tuple:
    location = instance.process.location
    return (location.path, location.line, location.column)
