"""Singleton evidence in the code a process starts.

Each language module exposes `scan(repo, process) -> list[Evidence]`, reading source
statically (Python's `ast`, tree-sitter for JS/TS) and never importing or running it.
"""
from __future__ import annotations

import fnmatch
import posixpath
from ..record import replace

from ..model import Evidence, Process, Step
from ..repo import Repo

PYTHON_KINDS = ("python-script", "python-module", "python-app")
NODE_KINDS = ("node",)


def _by_argv(repo: Repo, found: list[Evidence], process: Process) -> list[Evidence]:
    """`found` without what a `sys.argv` test keeps from running in this process (`if
    "runbot" in sys.argv:` in AppConfig.ready()); python_argv is only imported when some
    evidence is reached under a condition at all."""
    from .python_condition import is_condition

    if not any(is_condition(step.note) or ".set_defaults(" in step.note for e in found for step in e.trace):
        return found  # `p.set_defaults(func=run_bot)`: an argparse sub-command's function (python_subparsers)
    from .python_argv import filter_by_argv

    return filter_by_argv(repo, found, process)


def evidence_for(repo: Repo, process: Process, singletons: tuple[str, ...] = ()) -> list[Evidence]:
    found: list[Evidence] = []
    if process.kind == "celery":
        from .celery import scan

        found.extend(_by_argv(repo, scan(repo, process), process))
    elif process.entry and (process.kind in PYTHON_KINDS or process.language == "python"):
        if not process.long_running:  # `manage.py migrate`: loads the apps, does its work, exits
            return _with_context(list(_declared(process, singletons)), process)
        from .python import scan

        found.extend(scan(repo, process))
        if getattr(process, "env", None):
            from .python_env_guard import filter_by_environment  # `if os.getenv("RUN_BOT") == "1":`

            found = filter_by_environment(repo, found, process.env, process)
        if getattr(process, "arguments", ()):
            from .python_arguments import filter_by_arguments  # `manage.py run all`: `if what == "bot":` not taken

            found = filter_by_arguments(repo, found, process)
        found = _by_argv(repo, found, process)
        from .python_leader import mark_leaders  # a Redis lease / `DYNO == "worker.1"` before the start

        found = mark_leaders(repo, found)
        from .python_repeat import mark_repeated  # `for _ in range(3): Thread(target=poll).start()`

        found = mark_repeated(repo, found)
    elif process.entry and process.kind == "go":
        from .go import scan

        found.extend(_by_environment(scan(repo, process), process))
    elif process.entry and (process.kind in NODE_KINDS or process.language in ("javascript", "typescript")):
        from .javascript import scan

        found.extend(_by_environment(scan(repo, process), process))
    found.extend(_declared(process, singletons))
    found.extend(command_schedulers(process, repo))
    if getattr(process, "leader", ""):  # `single-beat celery beat`: one copy at a time
        found = [replace(e, leader=process.leader) if e.is_singleton and not e.leader else e for e in found]
    return _with_context(found, process)


def command_schedulers(process: Process, repo: Repo | None = None) -> list[Evidence]:
    """`taskiq scheduler pkg.tasks:scheduler` (also `python -m taskiq`, `poetry run taskiq`):
    the process that sends taskiq's scheduled tasks; taskiq's docs say to run only one,
    since every scheduler sends every schedule. (Celery beat is code/celery.py's.)"""
    argv = process.argv[:64]
    for index, word in enumerate(argv):
        if posixpath.basename(word) != "taskiq":
            continue
        rest = [w for w in argv[index + 1:] if not w.startswith("-")]
        if rest[:1] != ["scheduler"]:
            return []
        spec = rest[1] if len(rest) > 1 else ""
        how = f"`taskiq scheduler {spec}` sends the scheduled tasks"
        return [Evidence("scheduler", f"taskiq scheduler `{spec or '?'}` (taskiq)", process.location,
                         trace=(Step(process.location, how),), family=f"scheduler:taskiq:{spec}")]
    from .task_queues import schedulers  # huey consumers, periodiq

    return schedulers(process, repo)


def _by_environment(found: list[Evidence], process: Process) -> list[Evidence]:
    """Drop the side of an environment-chosen webhook/polling branch that the process's
    configured environment does not take (PM2 `env: {NODE_ENV: 'production'}`); a
    polling fallback the environment does choose is plain polling."""
    env = getattr(process, "env", None)
    if not env or not any(e.env_test for e in found):
        return found
    from .js_expr import env_decides

    out = []
    for evidence in found:
        decided = env_decides(evidence.env_test, env) if evidence.env_test else None
        if decided is None:
            out.append(evidence)
        elif decided:  # runs: no longer a fallback but the choice
            out.append(replace(evidence, kind="polling") if evidence.kind == "polling-fallback" else evidence)
    return out


def _with_context(found: list[Evidence], process: Process) -> list[Evidence]:
    """Evidence reached from a runner's start point (a gunicorn server hook) says so."""
    if not process.hooks:
        return found
    out = []
    for evidence in found:
        hook = next((h for h in process.hooks if h.step in evidence.trace), None)
        out.append(replace(evidence, context=hook.context) if hook is not None and not evidence.context else evidence)
    return out


def children_for(repo: Repo, process: Process) -> list[Process]:
    """Programs `process` starts from its own code (child processes, cluster workers,
    worker threads): each one is a Process of its own in the plan, with its trace."""
    if process.entry and (process.kind in NODE_KINDS or process.language in ("javascript", "typescript")):
        from .javascript import children

        return children(repo, process)
    return []



def _declared(process: Process, patterns: tuple[str, ...]) -> list[Evidence]:
    """User-declared singletons: a file, a `module:attr`, or a command glob."""
    if not patterns:
        return []
    command = " ".join(process.argv)
    module = _module_of(process)
    matches = []
    for pattern in patterns:
        hit = (
            (process.entry and (process.entry == pattern or fnmatch.fnmatch(process.entry, pattern)))
            or (module and (pattern == module or pattern.split(":")[0] == module and (
                ":" not in pattern or pattern.split(":", 1)[1] == (process.app or pattern.split(":", 1)[1]))))
            or fnmatch.fnmatch(command, pattern)
        )
        if hit:
            matches.append(Evidence(
                "user-singleton", f"declared singleton `{pattern}`", process.location,
                trace=(Step(process.location, f"matches `singletons` entry `{pattern}`"),),
                family=f"user:{pattern}",
            ))
    return matches


def _module_of(process: Process) -> str | None:
    if process.entry and process.entry.endswith(".py"):
        return posixpath.splitext(process.entry)[0].replace("/", ".").removesuffix(".__init__")
    return None
