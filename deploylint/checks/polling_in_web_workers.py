"""DPL104 polling-in-web-workers: a singleton started by importing or starting a web
app that a server runs in several worker processes (or under a dev reloader).

Documentation: rules/DPL104.md.
"""
from __future__ import annotations

from ..model import Finding, Severity, Step
from .common import trace, where
from .fixes import set_workers_to_one

CODE = "DPL104"
NAME = "polling-in-web-workers"
SEVERITY = Severity.ERROR
FIX = "sometimes"  # --fix availability: always | sometimes | never (see the page's "Fix" section)
SUMMARY = "a singleton started by app import/startup in a multi-worker server"


def check(plan):
    for instance in plan.instances:
        process = instance.process
        if not instance.launch.runs:
            continue
        workers = process.workers
        reloader = process.reloader or any(e.kind == "reloader" for e in instance.evidence)
        if workers.count <= 1 and not reloader:
            continue
        for evidence in (e for e in instance.evidence if e.is_singleton and (e.per_worker or reloader)):
            if workers.count > 1:
                count, why = workers.count, f"{process.server or 'the server'} runs {workers.count} worker processes ({workers.reason})"
            else:
                count, why = 2, "a dev reloader imports the module twice (reloader process and server process)"
            steps = [Step(workers.location or process.location, why), *trace(instance, evidence)]
            yield Finding(
                CODE,
                f"{evidence.singleton} starts when {process.entry or 'the app'} is imported or starts up, and "
                f"{why}: {count} pollers ({where(evidence)})",
                process.location,
                "start polling in a separate process with one copy (e.g. Procfile `worker: python bot.py`) instead of "
                "the app's import or start-up hook; or run the server with `--workers 1` and no reloader; or use webhooks",
                steps,
                fix=set_workers_to_one(plan.repo, process.location) if workers.count > 1 else None,
            )
            break
