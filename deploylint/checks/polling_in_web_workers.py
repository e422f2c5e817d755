"""DPL104 polling-in-web-workers: a singleton started by importing or starting a web
app that a server runs in several worker processes (or under a dev reloader).

Documentation: rules/DPL104.md.
"""
from __future__ import annotations

from ..model import MAIN_BLOCK, RELOADER_ONCE, Finding, Severity, Step
from . import wording
from .common import only_in, trace, where, worker_lock
from .fixes import set_workers_to_one

CODE = "DPL104"
NAME = "polling-in-web-workers"
SEVERITY = Severity.ERROR
FIX = "sometimes"  # --fix availability: always | sometimes | never (see the page's "Fix" section)
SUMMARY = "a singleton started by app import/startup in a multi-worker server"


def check(plan):
    for instance in plan.instances:
        process = instance.process
        if not instance.launch.runs or process.after:
            continue
        workers = process.workers
        reloader = process.reloader or any(e.kind == "reloader" for e in instance.evidence)
        if workers.count <= 1 and not reloader:
            continue
        for evidence in (e for e in instance.evidence if e.is_singleton and (e.per_worker or reloader)
                         and not (workers.count > 1 and worker_lock(instance, e))
                         and not (e.leader and not e.leader_where)  # a Redis lease: one worker at a time
                         and not (workers.count <= 1 and reloader_once(e))
                         and not (workers.count <= 1 and not reloader_reruns(instance, e))):
            words = wording.of(evidence)
            if workers.count > 1 and process.kind == "celery":
                count, why = workers.count, f"the celery worker runs {workers.count} worker children ({workers.reason})"
            elif workers.count > 1:
                count, why = workers.count, f"{process.server or 'the server'} runs {workers.count} worker processes ({workers.reason})"
            else:
                count, why = 2, "a dev reloader imports the module twice (reloader process and server process)"
            steps = [Step(workers.location or process.location, why), *trace(instance, evidence)]
            yield Finding(
                CODE,
                f"{evidence.singleton} starts {wording.started(evidence, process.entry)}, and "
                f"{why}: {count} {words.copies} ({where(evidence)}){only_in(instance)}; {words.clash}",
                process.location,
                _hint(evidence, words, process),
                steps,
                singleton=wording.singleton(evidence),
                fix=set_workers_to_one(plan.repo, process.location)
                if workers.count > 1 and process.kind != "celery" and process.server != "dramatiq" else None,
            )
            break


# reloaders whose serving child imports the app by module name: the script's
# `if __name__ == "__main__":` block runs only in the reloader process (werkzeug's
# reloader, by contrast, re-runs the whole script as `__main__`)
IMPORT_RELOADERS = frozenset({"uvicorn reloader"})


def reloader_reruns(instance, evidence) -> bool:
    """Whether the instance's dev reloader runs `evidence` a second time: werkzeug's and
    Django's re-run the whole script; uvicorn's imports the app by name in its child, so
    code under the script's `__main__` block runs once."""
    reruns_main = instance.process.reloader or any(e.kind == "reloader" and e.singleton not in IMPORT_RELOADERS
                                                   for e in instance.evidence)
    return reruns_main or not in_main_block(evidence)


def in_main_block(evidence) -> bool:
    """Reached through the script's `__main__` block."""
    return any(step.note == MAIN_BLOCK for step in evidence.trace)


def reloader_once(evidence) -> bool:
    """Started under a condition that only one of the reloader's two processes meets."""
    return any(step.note.endswith(RELOADER_ONCE) for step in evidence.trace)


def _hint(evidence, words, process) -> str:
    alternative = f"; {words.alternative}" if words.alternative else ""
    context = evidence.context
    if context.startswith("in gunicorn's"):
        return (f"{words.separate} instead of a per-worker gunicorn hook; or start it in a master hook "
                f"(`when_ready` or `on_starting`), which gunicorn runs once{alternative}")
    if context.startswith(("when Celery task", "in Celery's")):
        return (f"{words.separate} instead of inside a Celery task or worker-child signal: every worker child that "
                f"runs it starts another one{alternative}")
    if process.kind == "celery":
        return f"{words.separate}, or run this worker with `--concurrency 1`{alternative}"
    if process.server == "dramatiq":  # every worker process imports the modules: no master to preload in
        return f"{words.separate} instead of a module the dramatiq workers import, or run them with `--processes 1`"
    if "runserver" in process.argv and process.reloader:
        return (f"{words.separate} instead of AppConfig.ready(); or add `--noreload` to `manage.py runserver` "
                f"(Django's autoreloader sets the apps up in both of its processes){alternative}")
    return (f"{words.separate} instead of the app's import or start-up hook; or run the server with `--workers 1` "
            f"and no reloader{alternative}")
