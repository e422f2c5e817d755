"""Wording and grouping shared by the rules (not a rule itself)."""
from __future__ import annotations


from ..model import Evidence, Instance, Step
from ..plan import Plan
from ..patterns import lazy_re


def singleton_hits(plan: Plan) -> list[tuple[Instance, Evidence]]:
    """Every (instance, singleton evidence) of launches that run as long-lived processes."""
    return [(i, e) for i in plan.instances if i.launch.runs and i.launch.role != "release"
            and not i.process.after  # starts only after a foreground command exits: DPL109
            for e in i.evidence if e.is_singleton]


def only_in(instance: Instance) -> str:
    """` (only in the `if [ "$DEBUG" = 1 ]` branch)` for a process in one branch of a condition."""
    return f" (only in {instance.process.condition})" if instance.process.condition else ""


def trace(instance: Instance, evidence: Evidence | None = None) -> list[Step]:
    steps = list(instance.process.trace)
    if evidence is not None:
        seen = set(steps)  # a 500-call chain from main(): a set, not a list scan per step
        steps.extend(s for s in dict.fromkeys(evidence.trace) if s not in seen)
        if not evidence.trace:
            steps.append(Step(evidence.location, evidence.singleton))
    return steps


def where(evidence: Evidence) -> str:
    return f"{evidence.location.path}:{evidence.location.line}"


def reached(instance: Instance, evidence: Evidence) -> str:
    """`Procfile `web` (via api_server.py start-up, bot.py:18)`"""
    how = f"via {instance.process.entry} start-up, " if evidence.per_worker and instance.process.entry else ""
    return f"{label(instance)} ({how}{where(evidence)})"


def label(instance: Instance) -> str:
    """The launch's label, naming the program when the code of another started it."""
    spawned = instance.process.spawned
    return f"{instance.label}, {spawned}" if spawned else instance.label


def same_bot(a: Evidence, b: Evidence) -> bool:
    """Two pieces of evidence fight over one resource: same family and no proof that
    they use different credentials."""
    return a.family == b.family and (not a.token or not b.token or a.token == b.token)


def same_bot_in(a: tuple, b: tuple) -> bool:
    """same_bot for (instance, evidence) pairs, and not told apart by their launches: two
    services of one image whose platform config gives the token variable different
    values (`BOT_TOKEN: ${SHOP_TOKEN}` / `BOT_TOKEN: ${SUPPORT_TOKEN}`) run two bots, and
    image-only services pulling different images (or built from different Dockerfiles, when
    the code they run is not found in the repository) run two apps, each with its own
    scheduler (Celery beat); a bot token is shared whatever program polls with it."""
    (first, one), (second, other) = a, b
    if not same_bot(one, other):
        return False
    if one.family.startswith(_PER_APP) and _two_programs(first, second):
        return False  # a scheduler of each app, not one app's scheduler twice
    if one.shard and other.shard and first.launch is not second.launch:
        return False  # manual shards: each launch is told its own shard (its replicas still clash)
    if not one.token or one.token != other.token or first.launch is second.launch:
        return True
    mine, theirs = first.launch.env.get(one.token), second.launch.env.get(other.token)
    return mine is None or theirs is None or mine == theirs


_PER_APP = ("celery-beat", "scheduler:")  # what two copies fight over is the app itself, not a credential


def _two_programs(first: Instance, second: Instance) -> bool:
    """Two compose services that run two different programs: different pulled images (tags of
    one image are one program) or images built from different Dockerfiles, whose app module
    is another file or not found in the repository (the same file is the same app)."""
    one, other = first.launch, second.launch
    images = bool(one.pulled and other.pulled and one.pulled != other.pulled) or bool(
        one.built_from and other.built_from and one.built_from != other.built_from)
    return images and (first.process.entry != second.process.entry or not first.process.entry)


# gunicorn `worker.age == 1` (post_fork), a Celery pool child's `current_process().index == 0`
_ONE_WORKER = lazy_re(r"^(if|else of|when not) `[^`]*(\bworker\.(age|pid)\b|\bcurrent_process\(\)\.index\b)")


def worker_lock(instance: Instance, evidence: Evidence) -> Evidence | Step | None:
    """What keeps a per-worker start path (a gunicorn `post_fork`) to one worker: a lock
    file taken on the same path (the workers of one server share a host, so an `flock`
    lets one of them through; copies on other hosts are DPL302's business), or a
    condition on the worker's identity (`if worker.age == 1:`, a Celery pool child's
    `if current_process().index == 0:`)."""
    if not evidence.context or not evidence.trace:
        return None
    step = next((s for s in evidence.trace if _ONE_WORKER.search(s.note)), None)
    if step is not None:
        return step
    return next((e for e in instance.evidence if e.kind == "lock-file" and e.trace[:1] == evidence.trace[:1]), None)
