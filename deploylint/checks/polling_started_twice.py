"""DPL101 polling-started-twice: two processes that run together reach one singleton.

Documentation: rules/DPL101.md.
"""
from __future__ import annotations

from ..model import Finding, Severity
from . import wording
from .common import only_in, reached, same_bot_in, singleton_hits, trace

CODE = "DPL101"
NAME = "polling-started-twice"
SEVERITY = Severity.ERROR
SUMMARY = "two process definitions that run together both reach one singleton"


def check(plan):
    by_target: dict[int, list] = {}  # the hits of each target, found once (not once per target)
    for instance, evidence in singleton_hits(plan):
        by_target.setdefault(id(instance.target), []).append((instance, evidence))
    for target in plan.targets:
        hits = by_target.get(id(target), [])
        groups: list[list] = []
        members: dict[int, set[tuple]] = {}  # group -> its (launch, process) ids (linear in 16k process types)
        for instance, evidence in hits:
            group = next((g for g in groups if same_bot_in(g[0], (instance, evidence))), None)
            # one analysed program run by two launches (two services of one Dockerfile) is two processes
            running = (id(instance.launch), id(instance.process))
            if group is None:
                groups.append([(instance, evidence)])
                members[id(groups[-1])] = {running}
            elif running not in members[id(group)]:
                group.append((instance, evidence))
                members[id(group)].add(running)
        for group in groups:
            group = _together(group)
            if len(group) > 1 and not _leased(group):
                yield _finding(group)


def _leased(group) -> bool:
    """Every start takes a lock all copies see (a Redis lease, an advisory lock) first:
    one of them runs at a time (code/python_leader)."""
    return all(e.leader and not e.leader_where for _, e in group)


def _together(group):
    """Branches of one if/case are alternatives: the largest set that runs at once counts."""
    from ..commands.sequence import together

    return together(group)


def _across_workflows(group) -> bool:
    """GitHub Actions jobs of different workflow files (formats/github_actions_calls joins them)."""
    return all(i.target.platform == "github-actions" for i, _ in group) \
        and len({i.launch.note for i, _ in group}) > 1


def _started_by_code(group) -> str:
    spawned = sum(1 for i, _ in group if i.process.spawned)
    return f"; {spawned} started by the code of another" if spawned else ""


def _finding(group) -> Finding:
    singleton = group[0][1].singleton
    words = wording.of(group[0][1])
    alternative = f" ({words.alternative})" if words.alternative else ""
    places = " and ".join(_listed([reached(i, e) for i, e in group]))
    last_instance, _ = group[-1]
    same_launch = all(i.launch is last_instance.launch for i, _ in group)
    location = last_instance.process.location if same_launch else last_instance.launch.location
    steps = [step for i, e in group[:MAX_LISTED] for step in trace(i, e)]  # 16k copies: the first ones tell it
    labels = _listed(list(dict.fromkeys(f"`{i.launch.name}`" for i, _ in group)))
    if same_launch and any(i.process.spawned for i, _ in group):
        hint = ("start it in one program only: the code starts another program (a child process, a cluster worker or "
                "a worker thread) that runs it again; keep it out of that program (a `require.main === module` or "
                "`cluster.isPrimary` guard around the start, or a module the child does not import)")
    elif same_launch:
        hint = (f"start it from one program only: remove it from one of the commands in {last_instance.label}; "
                f"in the other, {words.other_side}{alternative}")
    elif _across_workflows(group):
        hint = ("run the program from one workflow only, or give every workflow job that runs it the same "
                "`concurrency:` group (group names are repository-wide: a new run then waits for the running one, or "
                f"cancels it with `cancel-in-progress: true`){alternative}")
    else:
        steady = [i for i, _ in group if not getattr(i.launch, "schedule", "")] or [i for i, _ in group]
        keep = next((i.launch.name for i in steady if i.launch.role == "worker"), steady[-1].launch.name)
        others = ", ".join(_listed([f"`{i.launch.name}`" for i, _ in group if i.launch.name != keep]))
        hint = f"run it only in `{keep}`; in {others}, {words.other_side}{alternative}"
    return Finding(CODE, f"{singleton} is started by {len(group)} processes that run together "
                         f"({', '.join(labels)}{_started_by_code(group)}): {places}{_condition(group)}{_scheduled(group)}; "
                         f"{words.clash}",
                         location, hint, steps, singleton=wording.singleton(group[0][1]))


MAX_LISTED = 20  # processes named (and traced) in one finding; a report stays readable and linear


def _listed(names: list[str]) -> list[str]:
    return names if len(names) <= MAX_LISTED else [*names[:MAX_LISTED], f"and {len(names) - MAX_LISTED} more"]


def _scheduled(group) -> str:
    """A cron service's run is meant to exit; one that reaches the singleton keeps running
    (the platform skips the next runs meanwhile) beside the other services."""
    crons = list(dict.fromkeys(f"`{i.launch.name}` (schedule `{i.launch.schedule}`)" for i, _ in group
                               if getattr(i.launch, "schedule", "")))
    if not crons:
        return ""
    return (f"; {', '.join(_listed(crons))} {'is a cron service' if len(crons) == 1 else 'are cron services'}: "
            "every run reaches it beside the other services, and a run that never exits keeps it running from the first "
            "scheduled run on (Railway skips the later runs meanwhile)")


def _condition(group) -> str:
    conditions = {i.process.condition for i, _ in group}
    return only_in(group[0][0]) if len(conditions) == 1 else ""
