"""DPL110 backgrounded-and-exits: a container or dyno whose start command only puts the
process that reaches a singleton in the background (`python bot.py &`, `nohup ... &`,
`setsid -f`, `screen -dm`) and then ends, so the platform sees its main process exit at
once and stops the container, taking the bot with it.

Only platforms that run the start command as the container's (dyno's) main process count:
Docker, Compose, Kubernetes, Heroku, Railway, Render, Fly, Koyeb, DigitalOcean, Dokku,
CapRover. A GitHub Actions step, a systemd unit (`Type=forking` expects a fork), PM2,
supervisord and a local script are left alone. Anything that keeps the command in the
foreground keeps the container up: a foreground program deploylint cannot rule out as
long-running (a server, a second script, an unresolved `exec "$@"`), `wait`, `tail -f`,
`sleep infinity`; a runner that holds its jobs (`concurrently`, honcho, `npm-run-all
-p`, `parallel`, `make -j2`) is in the foreground too: only a program the shell puts in
the background (`&` after it) or a tool detaches counts. Documentation: rules/DPL110.md.
"""
from __future__ import annotations

from ..commands.sequence import keeps_running
from ..model import Finding, Severity
from . import wording
from .common import only_in, trace, where

CODE = "DPL110"
NAME = "backgrounded-and-exits"
SEVERITY = Severity.WARNING
SUMMARY = "the start command only backgrounds the singleton and ends, so the container stops and takes it down"

# platforms whose container (dyno, machine, pod) lives as long as the start command's process
MAIN_PROCESS = frozenset({"docker", "compose", "kubernetes", "heroku", "railway", "render", "fly", "koyeb",
                          "digitalocean", "dokku", "caprover", "nixpacks"})
# steps of a runner that stays in the foreground while its jobs run side by side
# (runners/npm.py, runners/procfile.py, runners/workspaces.py, runners/wrappers.py)
_HELD = ("in parallel", "beside the others", "side by side")


def check(plan):
    for lp in plan.launches:
        target, launch = lp.target, lp.launch
        if not launch.runs or target.quiet or target.platform not in MAIN_PROCESS or launch.role == "release":
            continue
        if getattr(launch, "schedule", "") or any(f.kind == "wait" for f in lp.facts):
            continue  # a cron run is meant to exit; `wait` keeps the shell until its jobs end
        if any(_holds(i.process) for i in lp.instances):
            continue
        for instance in lp.instances:
            singletons = [e for e in instance.evidence if e.is_singleton]
            if not singletons or not instance.process.background or _held(instance.process) \
                    or not _detached(plan.repo, instance.process):
                continue
            yield _finding(target, launch, instance, singletons[0])
            break  # one finding per launch: the fix (one foreground command) is the same


def _holds(process) -> bool:
    """A process that keeps the start command (the container's main process) running."""
    if process.background or process.after:
        return False  # a fallback after a foreground command: that command held first
    return process.kind == "unknown" or process.long_running or keeps_running(process)


def _held(process) -> bool:
    return any(any(word in step.note for word in _HELD) for step in process.trace)


def _detached(repo, process) -> bool:
    """Put in the background by the shell (a lone `&` after it on its line) or by a tool that
    detaches it (`screen -dm`, `tmux new -d`, `setsid -f`, `start-stop-daemon --background`);
    not a job a foreground runner holds (`make -j2`, `concurrently`)."""
    if any("detach" in step.note for step in process.trace):
        return True
    from .fixes import _line

    line = _line(repo, process.location)
    if line is None:
        return False
    text = line[max(process.location.column, 1) - 1:][:2000]
    return any(c == "&" and text[i + 1:i + 2] not in ("&", ">") and text[i - 1:i] not in ("&", ">", "<", "|")
               for i, c in enumerate(text))


def _finding(target, launch, instance, evidence) -> Finding:
    box = "dyno" if target.platform in ("heroku", "dokku") else "container"
    command = " ".join(instance.process.argv)
    return Finding(
        CODE,
        f"{launch.label} starts {evidence.singleton} ({where(evidence)}) only in the background (`{command} &`)"
        f"{only_in(instance)}, and nothing stays in the foreground: the start command ends at once, and when the "
        f"{box}'s main process exits the platform stops the {box} and kills everything in it, so the backgrounded "
        f"program runs for a moment at most (a restart policy only repeats that)",
        instance.process.location,
        f"run it in the foreground as the {box}'s main process: drop the `&` (and `nohup`), e.g. "
        f"`CMD [\"python\", \"bot.py\"]`, or `exec python bot.py` as the script's last line; the platform then "
        f"restarts it when it crashes and shows its output in the logs",
        trace(instance, evidence),
        singleton=wording.singleton(evidence),
    )
