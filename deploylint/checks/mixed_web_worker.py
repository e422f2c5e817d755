"""DPL106 mixed-web-worker: web and worker processes mixed where the platform runs only
one process per service, so one of them silently never starts or is not supervised.

Documentation: rules/DPL106.md.
"""
from __future__ import annotations

from ..commands.sequence import long_running
from ..model import Finding, Severity, Step

CODE = "DPL106"
NAME = "mixed-web-worker"
SEVERITY = Severity.WARNING
SUMMARY = "web and worker processes mixed where the platform runs only one per service"
MAX_NAMED = 6  # commands named in the message


def check(plan):
    for lp in plan.launches:
        launch = lp.launch
        if not launch.runs and launch.note and lp.target.platform == "railway":
            note = launch.note.removesuffix(f"; `{launch.name}` never starts")  # (said once, first)
            yield Finding(CODE, f"{launch.label} never starts: {note}", launch.location,
                          f"create a separate Railway service for `{launch.name}` with its own start command, "
                          f"or remove it from the Procfile", list(launch.steps) or [Step(lp.target.location, f"{lp.target.name} configures this service")])
            continue
        # what the start command itself runs: a program the code of another starts (a
        # subprocess, a fork) lives and dies with its parent, it is no second service process;
        # a foreground command the script goes on after (`python setup.py; exec bot`) has
        # exited by then, unless it is known to run until stopped (then what follows is `after`)
        followed = {id(i.process.waits_for) for i in lp.instances
                    if i.process.waits_for is not None and i.process.long_running}  # (not `&& wait`, `; echo`)
        # (a program only known at run time, `$CMD &` or a script re-running itself as `$0`, is
        # no known long-running process: DPL004 says it cannot be followed; `python3 /abs/bot.py`
        # with the file out of reach still runs a Python program)
        running = [i for i in lp.instances if i.process.long_running and not _run_time_program(i.process)
                   and not i.process.after and not i.process.spawned
                   and (i.process.background or id(i.process) not in followed or long_running(i.process, i.evidence))]
        background = [i for i in running if i.process.background
                      and any(o is not i and _beside(o.process, i.process) for o in running)]
        if not launch.runs or len(running) < 2 or not background or lp.target.platform == "local" \
                or getattr(lp.target, "quiet", False):  # CI steps (GitHub Actions): no service to supervise
            # (a script run by hand or `honcho start` locally: no platform supervises either process)
            continue
        if any(e.is_singleton for i in background if not i.process.restarted for e in i.evidence):
            continue  # DPL103 reports this launch with the stronger reason
        # what runs beside the backgrounded one (not its alternatives in another branch), each
        # distinct command once (one command repeated in ten branches of a script is one)
        beside = [i for i in running if i is background[0] or _beside(i.process, background[0].process)]
        distinct = list(dict.fromkeys(_short(i.process.argv) for i in beside))
        names = ", ".join(f"`{n}`" for n in distinct[:MAX_NAMED]) + (f" and {len(distinct) - MAX_NAMED} more"
                                                                    if len(distinct) > MAX_NAMED else "")
        what = f"{len(distinct)} long-running processes in one service ({names})" if len(distinct) > 1 else \
            f"{len(beside)} copies of {names} in one service"  # one command, in the background and in front
        yield Finding(CODE, f"{launch.label} runs {what}; the platform watches only the foreground one",
                      background[0].process.location,
                      "give each long-running process its own process type or service", list(background[0].process.trace))


def _run_time_program(process) -> bool:
    return process.kind == "unknown" and bool(process.argv) and process.argv[0].startswith("$")


def _beside(process, job) -> bool:
    """`process` can run while the `&` job does: not when it starts only after a `wait` for
    that job (`probe & PID=$!; wait $PID; exec server`, as wait-for-it.sh does)."""
    return process.runs_beside(job) and not _after_wait(process, job)


def _after_wait(process, job) -> bool:
    """Whether `job` is on the chain of commands `process` waits for (a background job gets
    there only through a `wait`: commands/shell_loops.wait)."""
    current, seen = process.waits_for, set()
    while current is not None and id(current) not in seen and len(seen) < 256:
        if current is job:
            return True
        seen.add(id(current))
        current = current.waits_for
    return False


def _short(argv) -> str:
    """The first words of a command, without an option cut off from its value
    (`gunicorn web:app`, not `gunicorn web:app --bind`)."""
    words = list(argv[:3])
    if len(argv) > 3 and len(words) > 1 and words[-1].startswith("-") and "=" not in words[-1] \
            and not argv[3].startswith("-"):
        if words[-1] == "-m":
            words.append(argv[3])  # `python -X... -m pkg`: the module is what runs
        else:
            words.pop()  # its value is the next word, not shown
    return " ".join(words)
