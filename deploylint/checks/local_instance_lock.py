"""DPL302 local-instance-lock: a lock or pid file as the single-instance guard of a
singleton whose copies do not share a file system.

`/tmp/bot.lock` created with O_EXCL, `fcntl.flock`, a `bot.pid` checked with
`kill(pid, 0)`: each sees only its own container. The plan shows copies it cannot see
when the launch runs several replicas in separate containers, when two launches of one
target reach the same bot, or when the platform overlaps old and new containers on
every deploy (Railway always does). Seeds 001, 003, 004. Documentation: rules/DPL302.md.
"""
from __future__ import annotations

from ..model import Finding, Severity, Step
from . import wording
from .common import same_bot, singleton_hits, trace, where
from .polling_deploy_overlap import overlaps_of

CODE = "DPL302"
NAME = "local-instance-lock"
SEVERITY = Severity.WARNING
SUMMARY = "a /tmp lock or pid file as the only single-instance guard while copies > 1 or across hosts"

def hint(evidence) -> str:
    words = wording.of(evidence)
    extra = ("; for a Telegram bot, stop polling on SIGTERM or use webhooks" if words.family == "telegram-polling"
             else f"; {words.stop}")
    return ("a lock file only sees its own container: make the deployment itself start exactly one copy (one "
            f"replica, one process type, no deploy overlap{extra}), or take the lock where every copy sees it "
            "(a Redis `SET key value NX PX` lease, a Postgres `pg_try_advisory_lock`)")


def check(plan):
    hits = singleton_hits(plan)
    found: dict = {}  # (path, lock description) -> [location, {kind of reason: reason}, steps]
    for instance, evidence in hits:
        why = _unseen_copies(instance, evidence, hits)
        if why is None:
            continue
        kind, reason, steps = why
        for lock_location, lock_text, lock_steps in _locks(plan, instance):
            # one lock is one finding, at the first line that names it (open, then flock)
            key = (lock_location.path, lock_text)
            entry = found.setdefault(key, [lock_location, {}, [*steps, *trace(instance, evidence), *lock_steps], evidence])
            if lock_location.line < entry[0].line:
                entry[0] = lock_location
            entry[1].setdefault(kind, reason)  # the mirror image of a reason adds nothing
    for (_, lock_text), (location, reasons, steps, evidence) in found.items():
        yield Finding(CODE, f"{lock_text} is the single-instance guard, but it cannot see copies in other containers: "
                            f"{'; '.join(reasons.values())}", location, hint(evidence), steps,
                      singleton=wording.singleton(evidence))


def _locks(plan, instance):
    """(location, description, steps) of every lock the instance's start-up uses."""
    for evidence in instance.evidence:
        if evidence.kind == "lock-file":
            yield evidence.location, evidence.singleton, [Step(evidence.location, evidence.singleton)]
    for lp in plan.launches:
        if lp.launch is instance.launch and lp.target is instance.target:
            for fact in lp.facts:
                if fact.kind == "lock-file":
                    yield fact.location, f"`{fact.text}` in {lp.launch.label}", [Step(fact.location, fact.text)]


def _unseen_copies(instance, evidence, hits):
    """Why copies of this singleton run where the instance's lock file is not: (kind, reason, steps) or None."""
    target = instance.target
    if not target.hosts_differ:
        return None
    copies = instance.launch.copies
    if copies.count > 1:
        location = copies.location or instance.launch.location
        return ("copies", f"{instance.label} runs {copies.count} copies ({copies.reason}), each in its own container",
                [Step(location, f"{copies.reason}: {copies.count} copies")])
    for other, rival in hits:
        if other.target is target and other.launch is not instance.launch and same_bot(rival, evidence):
            return ("launches", f"{instance.label} and {other.label} both start {rival.singleton} ({where(rival)}), "
                                "each in its own container or dyno",
                    trace(other, rival))
    overlap = next(iter(overlaps_of(instance, explicit_only=False)), None)
    if overlap is not None:
        return ("overlap", f"{overlap.reason} ({overlap.location.path}), and the new container has a lock file of its own",
                [Step(overlap.location, overlap.reason)])
    return None
