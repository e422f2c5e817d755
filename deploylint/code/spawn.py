"""Programs that code starts itself: each becomes a Process of its own in the plan.

A code scanner (python.py) reports a `Spawn` where reached code starts another program:
`subprocess.Popen([sys.executable, "bot.py"])`, `os.system("python bot.py &")`, a
`multiprocessing.Process(target=...)`, or a web server whose workers import an app
(`uvicorn.run("api:app", workers=4)`, a gunicorn `BaseApplication` with `workers`).
Commands go through the shared command analysis (commands.analyse), so a shell string
is read by the one shell analysis; a server or a function target is described directly.
The plan (`expand`) adds each started program as an Instance of the same launch, with
the parent's trace, and follows what that program starts in turn (bounded).
"""
from __future__ import annotations

from ..record import dataclass, replace

from ..model import Command, Instance, Location, Process, Step

MAX_DEPTH = 4  # a program that starts a program that starts ...
MAX_PROGRAMS = 32  # programs per launch found this way


@dataclass
class Spawn:
    location: Location  # the call that starts the program
    trace: tuple[Step, ...]  # inside the parent's code, ending at that call
    per_worker: bool = False  # the call runs once per web-server worker of the parent
    shell: str | None = None  # a shell command line
    argv: tuple[str, ...] | None = None  # an argv
    process: Process | None = None  # a program described directly (server, function target)
    workers_only: bool = False  # count only the per-worker evidence of `process`
    cwd: str | None = None  # `cwd=` of the call, relative to the parent's working directory


def expand(repo, target, launch, processes, ctx, evidence_for) -> list[Instance]:
    """Instances for `processes` and, breadth first, for the programs their code starts."""
    instances: list[Instance] = []
    queue = [(process, False, 0) for process in processes]
    seen: set[tuple] = set()
    while queue:
        process, workers_only, depth = queue.pop(0)
        evidence = evidence_for(repo, process)
        if workers_only:
            evidence = [e for e in evidence if e.per_worker]
        instances.append(Instance(target, launch, process, evidence))
        if depth >= MAX_DEPTH:
            continue
        for child, only in children(repo, process, ctx):
            key = (child.kind, child.entry, child.app, child.argv, child.workers.count)
            if key in seen or len(seen) >= MAX_PROGRAMS:
                continue
            seen.add(key)
            queue.append((child, only, depth + 1))
    return instances


def children(repo, process: Process, ctx) -> list[tuple[Process, bool]]:
    """The programs `process`'s own code starts, as Processes with their traces."""
    if not process.entry or process.language != "python":
        return []
    from .python import spawns

    found: list[tuple[Process, bool]] = []
    started = spawns(repo, process)
    if getattr(process, "arguments", ()):  # a click sub-command's `if what == "all":` decided by its arguments
        from .python_arguments import filter_by_arguments

        started = filter_by_arguments(repo, started, process)
    for spawn in started:
        copies = process.copies
        if spawn.per_worker and process.workers.count > 1:
            copies = copies.times(process.workers)
        trace = (*process.trace, *spawn.trace)
        cwd = process.cwd
        if spawn.cwd:
            from ..repo import join

            cwd = join(process.cwd, spawn.cwd)
        if spawn.process is not None:
            if spawn.process.kind == "python-function":  # `for _ in range(2): Process(target=poll).start()`
                from .python_repeat import spawn_copies

                repeated = spawn_copies(repo, spawn.trace)
                copies = copies.times(repeated) if repeated is not None else copies
            found.append((replace(spawn.process, trace=trace, copies=copies, cwd=cwd), spawn.workers_only))
            continue
        started = f"started at {spawn.location.path}:{spawn.location.line}"
        found.extend((child if child.spawned else replace(child, spawned=f"child `{_brief(child.argv)}` {started}"), False)
                     for child in _analyse(repo, spawn, ctx, trace, copies, cwd))
    return found


def _analyse(repo, spawn: Spawn, ctx, trace, copies, cwd) -> list[Process]:
    """A started command through the shared command analysis. What cannot be followed
    (a missing file, a variable program) is not reported here: the call is in code that
    may build the command differently at run time."""
    from ..commands import Context, analyse

    child_ctx = Context(repo, cwd=cwd, env=getattr(ctx, "env", {}), platform=getattr(ctx, "platform", ""),
                        label=getattr(ctx, "label", ""), trace=trace, copies=copies)
    before = len(repo.findings)
    try:
        analysis = analyse(Command(spawn.location, shell=spawn.shell, argv=spawn.argv), child_ctx)
    finally:
        kept = [f for f in repo.findings[before:] if f.code not in ("DPL003", "DPL004")]
        del repo.findings[before:]
        repo.findings.extend(kept)
    return [p for p in analysis.processes if p.long_running] if analysis is not None else []


def _brief(argv: tuple[str, ...], limit: int = 40) -> str:
    text = " ".join(argv)
    return text if len(text) <= limit else text[: limit - 1] + "…"
