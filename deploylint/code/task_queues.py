"""Task-queue processes whose command line makes them a scheduler (beyond Celery beat and
`taskiq scheduler`, which code/celery.py and code/__init__.py handle).

- huey: every consumer runs a scheduler that enqueues the periodic tasks
  (`@huey.periodic_task`, djhuey `@periodic_task`/`@db_periodic_task`) unless it is
  started with `-n`/`--no-periodic` (huey docs, "Consuming tasks"). Two consumers with
  periodic scheduling enqueue every periodic task twice. Its `-w N` workers are threads or
  processes under the one scheduler: not copies of it.
- periodiq: `periodiq module` is dramatiq's cron process; each one sends every periodic
  actor, so it must run once.

Not schedulers (they coordinate through Redis): `rq worker --with-scheduler` and
`rqscheduler` (a lock lets one of several schedulers work at a time), arq `cron_jobs`
(unique by default: a job id per run time, so several workers run each cron job once).
"""
from __future__ import annotations

import posixpath

from ..model import Evidence, Location, Process, Step
from ..repo import Repo
from ..patterns import lazy_re

_HUEY_PROGRAMS = frozenset({"huey_consumer", "huey_consumer.py"})
_HUEY_MODULES = frozenset({"huey_consumer", "huey.bin.huey_consumer"})
# huey_consumer options that take a value (huey/consumer_options.py)
_HUEY_VALUED = frozenset({"-l", "--logfile", "-w", "--workers", "-k", "--worker-type", "-d", "--delay",
                          "-m", "--max-delay", "-b", "--backoff", "-S", "--scheduler-interval", "-c",
                          "--health-check-interval", "--settings", "--pythonpath", "--queue"})
_NO_PERIODIC = lazy_re(r"-[vfuqC]*n[vfuqC]*")  # `-n`, or flags clustered with it (`-vn`)
_PERIODIC = lazy_re(rb"periodic_task\b")
_PERIODIC_LINE = lazy_re(r"^\s*@\s*[\w.]*periodic_task\s*\(|^\s*[\w.]*periodic_task\s*\(")
MAX_FILES = 4000  # Python files searched for a periodic task (bounded on huge repositories)


def schedulers(process: Process, repo: Repo | None) -> list[Evidence]:
    argv = process.argv[:64]
    start = _huey_start(argv)
    if start is not None:
        return _huey(process, repo, argv, start)
    for index, word in enumerate(argv):
        if posixpath.basename(word) == "periodiq" or (word == "periodiq" and index and argv[index - 1] == "-m"):
            modules = [w for w in argv[index + 1:] if not w.startswith("-")]
            spec = " ".join(modules[:3])
            how = f"`periodiq {spec}` sends dramatiq's periodic actors"
            return [Evidence("scheduler", f"periodiq scheduler `{spec or '?'}` (periodiq)", process.location,
                             trace=(Step(process.location, how),), family=f"scheduler:periodiq:{spec}")]
        if index > 2:
            break
    return []


def _huey_start(argv: tuple[str, ...]) -> int | None:
    """The argv index after which the huey consumer's own arguments start."""
    for index, word in enumerate(argv[:6]):
        if posixpath.basename(word) in _HUEY_PROGRAMS:
            return index + 1
        if word == "-m" and index + 1 < len(argv) and argv[index + 1] in _HUEY_MODULES:
            return index + 2
        if posixpath.basename(word) == "manage.py":
            rest = [w for w in argv[index + 1:] if not w.startswith("-")]
            return index + 2 if rest[:1] == ["run_huey"] else None
    return None


def _huey(process: Process, repo: Repo | None, argv: tuple[str, ...], start: int) -> list[Evidence]:
    spec = ""
    skip = False
    django = start >= 2 and posixpath.basename(argv[start - 2]) == "manage.py"
    for word in argv[start:]:
        if skip:
            skip = False
            continue
        if word == "--no-periodic" or _NO_PERIODIC.fullmatch(word):
            return []  # this consumer does not enqueue periodic tasks
        if word in _HUEY_VALUED:
            skip = True
        elif not word.startswith("-") and not spec and not django:
            spec = word
    if django:
        spec = "settings.HUEY"
    where = _periodic_task(repo) if repo is not None else None
    if repo is not None and where is None:
        return []  # no periodic task in the code: the consumer's scheduler has nothing to send
    how = (f"`manage.py run_huey` runs huey's consumer" if django else f"huey consumer `{spec or '?'}`") + \
        " and its scheduler, which enqueues the periodic tasks (no `-n`/`--no-periodic`)"
    trace = [Step(process.location, how)]
    if where is not None:
        trace.append(Step(where, "periodic task defined here"))
    return [Evidence("scheduler", f"huey periodic tasks `{spec or '?'}` (huey)", process.location,
                     trace=tuple(trace), family=f"scheduler:huey:{spec}")]


def _periodic_task(repo: Repo) -> Location | None:
    """The first `@periodic_task(...)`-style definition in the repository's Python files."""
    return repo.memo(("huey-periodic-task",), lambda: _find_periodic(repo))


def _find_periodic(repo: Repo) -> Location | None:
    for path in repo.named(_is_python)[:MAX_FILES]:
        text = repo.peek(path, _PERIODIC)
        if not text:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if "periodic_task" in line and _PERIODIC_LINE.search(line):
                return Location(path, number, 1)
    return None


def _is_python(name: str) -> bool:
    return name.endswith(".py")
