"""Which commands of a start command run side by side, after the code evidence is known.

`shell.py` links every Process to the foreground command before it (`waits_for`). A
command after a *long-running* foreground command (a web server, a bot, a Celery
worker, `tail -f`, `sleep infinity`) starts only once that command exits: it is a
fallback ("after `uvicorn app:app` exits", DPL109), not a copy running beside it. A
command after a one-shot (`python migrate.py && python bot.py`) simply runs next.
Whether a Python or Node program is long-running comes from its evidence (it serves an
app, polls, runs a scheduler), so this runs in `plan.build`, after `code.evidence_for`.
"""
from __future__ import annotations

from ..model import Process

FOLLOW = frozenset({"-f", "-F", "--follow", "--follow=name", "--follow=descriptor"})


def follows(args) -> bool:
    """`tail` arguments that keep it running (`-f`, `-F`, `-n 5 -f`, `--follow`)."""
    return any(a in FOLLOW or (a.startswith("-") and not a.startswith("--") and "f" in a.lower()) for a in args)


KEEP_ALIVE = 3600.0  # `sleep 365d`, `sleep 3600`: keeps a container alive; start-up is never ordered by an hour
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def sleep_seconds(args) -> float | None:
    """How long `sleep ARGS` waits (GNU: NUMBER[smhd], several summed; `infinity`), None
    when an argument is not a plain duration (`$DELAY`)."""
    total = 0.0
    for arg in list(args)[:10] or [None]:
        text = str(arg).strip().lower() if arg is not None else ""
        if text in ("infinity", "inf"):
            return float("inf")
        unit = text[-1:] if text[-1:] in "smhd" else ""
        number = text[:-1] if unit else text
        if not number or len(number) > 20 or not number.replace(".", "", 1).isdigit():
            return None
        total += float(number) * _UNITS[unit]
    return total


def keeps_running(process: Process) -> bool:
    """Commands that never exit by design, known from their arguments alone."""
    argv = process.argv
    if not argv:
        return False
    program, args = argv[0].rsplit("/", 1)[-1], argv[1:]
    if program == "tail":
        return follows(args)
    if program == "sleep":
        seconds = sleep_seconds(args)
        return seconds is not None and seconds >= KEEP_ALIVE
    if program == "nginx":
        return any("daemon off" in a for a in args)
    if program == "supervisord":
        return any(a in ("-n", "--nodaemon") for a in args)
    if program == "caddy":
        return args[:1] == ("run",)
    return False


def daemonizes(process: Process) -> bool:
    """`gunicorn --daemon`, `uwsgi --daemonize`, `redis-server --daemonize yes`: the
    command forks into the background and returns at once."""
    program = process.argv[0].rsplit("/", 1)[-1] if process.argv else ""
    for i, arg in enumerate(process.argv[1:], 1):
        if arg in ("--daemon", "--daemonize", "--daemonize=yes") or arg.startswith("--daemonize="):
            return True
        if arg == "--daemonize" and process.argv[i + 1:i + 2] == ("yes",):
            return True
        if arg == "-D" and program == "gunicorn":
            return True
    return False


def long_running(process: Process, evidence, waited: bool = False) -> bool:
    """True when `process` runs until it is stopped: a server, a worker, a bot. A
    background job counts only for the command after a `wait` (`waited`)."""
    if process.kind == "unknown" or (process.background and not waited) or daemonizes(process):
        return False
    if keeps_running(process):
        return True
    if not process.long_running:
        return False
    if process.kind in ("python-app", "celery") or process.server:
        return True
    return any(e.is_singleton or e.kind == "webhook" for e in evidence)


def _short(argv: tuple[str, ...], limit: int = 50) -> str:
    text = " ".join(argv)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resolve(instances) -> None:
    """Set `after`/`after_location` on every process that waits for a long-running
    foreground command (linear: each chain link is decided once)."""
    evidence = {id(i.process): i.evidence for i in instances}
    decided: dict[int, Process | None] = {}  # id(candidate) -> first long-running at or before it

    def blocker(start: Process | None) -> Process | None:
        chain, current = [], start
        while current is not None and id(current) not in decided:
            if long_running(current, evidence.get(id(current), ())):
                decided[id(current)] = current
                break
            chain.append(current)
            current = current.waits_for
        found = decided.get(id(current)) if current is not None else None
        for link in chain:
            decided[id(link)] = found
        return found

    for instance in instances:
        process = instance.process
        if process.after or process.waits_for is None:
            continue
        first = process.waits_for
        if first.background and "`wait`" in process.waits_how:  # `job &` ... `wait`; then this
            found = first if long_running(first, evidence.get(id(first), ()), waited=True) else blocker(first.waits_for)
        else:
            found = blocker(first)
        if found is None:
            continue
        how = process.waits_how if found is process.waits_for and process.waits_how else "exits"
        process.after = f"`{_short(found.argv)}` {how}"
        process.after_location = found.location


def together(pairs: list, weight=lambda pair: 1) -> list:
    """The largest (by `weight`) subset of (instance, ...) pairs that can run at the same
    moment: branches of one if/case are alternatives, so the maximum over branches
    counts, not the sum. Fallbacks (`after`) are never counted. Keeps the input order."""
    live = [p for p in pairs if not p[0].process.after]
    if not any(p[0].process.branches for p in live):
        return live
    best, best_total = [], -1
    for seed in live[:50]:  # bounded: hostile input with thousands of branches stays linear
        chosen = [seed]
        for pair in live:
            if pair is not seed and all(not pair[0].process.excludes(c[0].process) for c in chosen[:50]):
                chosen.append(pair)
        total = sum(weight(p) for p in chosen)
        if total > best_total:
            best, best_total = chosen, total
    return [p for p in live if any(p is c for c in best)]
