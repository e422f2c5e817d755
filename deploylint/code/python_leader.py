"""Python singletons that only one copy starts, whatever the number of copies: leader guards.

- A lock every copy sees, taken before the start on the same path: a Redis `SET key value
  NX` lease, redis-py's `lock()`, Redlock, a Postgres/MySQL advisory lock
  (python_signatures._shared_lock). `if not r.set("bot", me, nx=True, ex=60): return`
  then `start_polling()`: the second replica finds the key and does not poll. A lock in
  /tmp is NOT one of these: it only sees its own container (DPL302).
- A test of the copy's own identity that one copy passes: `os.environ["DYNO"] ==
  "worker.1"` (Heroku and Dokku name every dyno `<type>.<n>`). It holds only on those
  platforms: elsewhere `DYNO` is unset, and `os.environ.get("DYNO", "worker.1")` passes in
  every copy. Identifiers that differ per copy but name no first copy (RAILWAY_REPLICA_ID,
  FLY_MACHINE_ID, HOSTNAME) choose nobody: a test of them is no guard.

A test of the dyno's process type (`os.environ.get("DYNO", "").startswith("worker.")`,
`DYNO == "worker.1"`) also decides which Procfile process types run the start at all:
`dyno_runs` drops it from a `web` dyno whose name fails the test whatever its number.

Reads only the traces the walk recorded and the `if` tests python_env_guard indexes (one
parse per file, shared): no extra pass over the code.
"""
from __future__ import annotations

from ..model import Evidence, Location, Step
from ..record import replace
from ..repo import Repo

IDENTITY = "DYNO"
IDENTITY_PLATFORMS = ("heroku", "dokku")
_CONDITIONS = ("if `", "else of `if ", "when not `")
MAX_HELPERS = 2  # direct calls between the start's path and the lock


def mark_leaders(repo: Repo, found: list[Evidence]) -> list[Evidence]:
    """`found` with each guarded singleton's `leader` set, and the shared-lock evidence
    (a means, not a finding) left out."""
    locks = [e for e in found if e.kind == "shared-lock"]
    if not locks and not any(_mentions_identity(e) for e in found):
        return found
    out = []
    for evidence in found:
        if evidence.kind == "shared-lock":
            continue
        if evidence.is_singleton:
            lock = next((lock for lock in locks if _precedes(lock.trace, evidence.trace)
                         and not _released_before(repo, lock.trace, evidence.trace)), None)
            if lock is not None:
                where = f"{lock.location.path}:{lock.location.line}"
                evidence = replace(evidence, leader=f"{lock.singleton} ({where})")
            else:
                evidence = _identity_guard(repo, evidence)
        out.append(evidence)
    return out


def _precedes(lock: tuple[Step, ...], start: tuple[Step, ...]) -> bool:
    """The lock is taken on the start's own path, before it: the two traces share a prefix
    (the same chain of calls) and then part in one function, the lock's step first."""
    common = 0
    for a, b in zip(lock, start):
        if a != b:
            break
        common += 1
    if common >= len(lock) or common >= len(start):
        return False
    # the lock is taken right there or in a helper called directly (`wait_for_leadership()`,
    # `cache.setnx()` wrapping `redis.set(nx=True)`): not deep inside unrelated work started
    # earlier (a queue consumer that dedupes with SET NX), nor in a task or thread it starts
    calls = [s for s in lock[common:-1] if not _condition(s)]
    if len(calls) > MAX_HELPERS or any(not s.note.startswith("calls `") for s in calls):
        return False
    here, there = lock[common], start[common]
    if here.location.path != there.location.path or here.location.line > there.location.line:
        return False
    # two branches of one `if` (the lock in one, the start in the other) share the test's line
    return not (here.location == there.location and _condition(here) and _condition(there))


def _released_before(repo: Repo, lock: tuple[Step, ...], start: tuple[Step, ...]) -> bool:
    """`with r.lock("migrate"): migrate()` then `start_polling()`: the lock is a `with`
    item (or a name bound to the lock call that a `with` uses) and the start lies after the
    block, so the lock is released before the start: no guard."""
    common = next((i for i, (a, b) in enumerate(zip(lock, start)) if a != b), 0)
    here, there = lock[common].location, start[common].location
    from .python_module import load

    module = load(repo, here.path)
    if module is None:
        return False
    block = repo.memo(("python-leader-with", here.path, here.line, here.column), lambda: _with_block(module.tree, here))
    return block is not None and not block[0] <= there.line <= block[1]


def _with_block(tree, here: Location) -> tuple[int, int] | None:
    """The (first, last) body line of the `with` statement whose item takes the lock at
    `here`, directly or through a name bound to it; None when no `with` does."""
    import ast

    bound: set[str] = set()
    blocks = []
    try:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and _spans(node.value, here):
                bound.add(node.targets[0].id)
            elif isinstance(node, (ast.With, ast.AsyncWith)) and node.body:
                blocks.append(node)
    except RecursionError:
        return None
    for node in blocks:
        for item in node.items:
            expr = item.context_expr
            if _spans(expr, here) or (isinstance(expr, ast.Name) and expr.id in bound):
                return node.body[0].lineno, node.end_lineno or node.lineno
    return None


def _spans(node, here: Location) -> bool:
    start = (node.lineno, node.col_offset + 1)
    end = (node.end_lineno or node.lineno, (node.end_col_offset or 0) + 1)
    return start <= (here.line, here.column) < end


def _condition(step: Step) -> bool:
    return step.note.startswith(_CONDITIONS)


def _mentions_identity(evidence: Evidence) -> bool:
    return evidence.is_singleton and any(IDENTITY in s.note and _condition(s) for s in evidence.trace)


def _identity_guard(repo: Repo, evidence: Evidence) -> Evidence:
    """`if os.environ["DYNO"] == "worker.1":` on the way: one dyno of the type takes it."""
    if not _mentions_identity(evidence):
        return evidence
    from .python_env_guard import _test_at, _truth

    for step in evidence.trace:
        if IDENTITY not in step.note or not _condition(step) or not step.location.path.endswith(".py"):
            continue
        test = _test_at(repo, step.location)
        if test is None:
            continue
        for kind in _types(test):
            first = _taken(repo, step, test, f"{kind}.1", _truth)
            second = _taken(repo, step, test, f"{kind}.2", _truth)
            if first is True and second is False:
                return replace(evidence, leader=f"`{IDENTITY}` is `{kind}.1` ({_at(step.location)})",
                               leader_where=IDENTITY_PLATFORMS, leader_type=kind)
    return evidence


DYNO_SAMPLES = (1, 2, 3, 10)  # dyno numbers tried: a test that fails them all names another type


def dyno_runs(repo: Repo, evidence: Evidence, kind: str) -> bool:
    """False when a test of `DYNO` on the way to the start fails for every dyno of the process
    type `kind` (`web.1`, `web.2`...): on Heroku and Dokku that type never starts it."""
    if not kind or not evidence.is_singleton:
        return True
    from .python_env_guard import _test_at, _truth

    for step in evidence.trace:
        if not _condition(step) or not step.location.path.endswith(".py") or not (
                IDENTITY in step.note or _file_mentions(repo, step.location.path)):
            continue  # `IS_WORKER = os.environ.get("DYNO", "").startswith("worker.")` then `if IS_WORKER:`
        test = _test_at(repo, step.location)
        if test is not None and all(_taken(repo, step, test, f"{kind}.{n}", _truth) is False for n in DYNO_SAMPLES):
            return False
    return True


def _file_mentions(repo: Repo, path: str) -> bool:
    from .python_module import load

    module = load(repo, path)
    return module is not None and module.mentions(IDENTITY)


def _taken(repo: Repo, step: Step, test, value: str, truth):
    from .python_condition import taken

    return taken(step.note, truth(repo, step.location.path, test, {IDENTITY: value}))


def _types(test) -> list[str]:
    """The process types a test names (`"worker.1"` -> worker); "" when it names none
    (`DYNO.endswith(".1")`)."""
    import ast

    kinds: list[str] = []
    try:
        for node in ast.walk(test):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
                kind = node.value.rsplit(".", 1)[0]
                if kind and kind not in kinds and len(kinds) < 4:
                    kinds.append(kind)
    except RecursionError:
        return []
    return kinds or [""]


def _at(location: Location) -> str:
    return f"{location.path}:{location.line}"
