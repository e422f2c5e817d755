"""DPL302 local-instance-lock: a lock or pid file as the single-instance guard of a
singleton whose copies do not share a file system.

`/tmp/bot.lock` created with O_EXCL, `fcntl.flock`, a `bot.pid` checked with
`kill(pid, 0)`: each sees only its own container. The plan shows copies it cannot see
when the launch runs several replicas in separate containers, when two launches of one
target reach the same bot, or when the platform overlaps old and new containers on
every deploy (Railway always does). A lock a Python function takes and gives back around
a piece of work (a `@contextmanager` that yields while holding it, `LOCK_UN`) is a mutex,
not a guard, unless the singleton starts while it is held. Seeds 001, 003, 004.
Documentation: rules/DPL302.md.
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
        for lock_location, lock_text, lock_steps in _locks(plan, instance, evidence):
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


def _locks(plan, instance, singleton):
    """(location, description, steps) of every lock the instance's start-up uses."""
    for evidence in instance.evidence:
        if evidence.kind == "lock-file" and not _mutex(plan.repo, evidence.location, singleton):
            yield evidence.location, evidence.singleton, [Step(evidence.location, evidence.singleton)]
    index = plan.repo.memo(("lock-facts", id(plan)), lambda: _launch_index(plan))  # not a scan per instance
    for lp in index.get((id(instance.launch), id(instance.target)), ()):
        if lp.launch is instance.launch and lp.target is instance.target:
            for fact in lp.facts:
                if fact.kind == "lock-file" and not _mutex(plan.repo, fact.location, singleton):
                    yield fact.location, f"`{fact.text}` in {lp.launch.label}", [Step(fact.location, fact.text)]


def _mutex(repo, location, evidence) -> bool:
    """The lock is taken and given back around a piece of work inside one Python function
    (a `@contextmanager` that yields while holding it, or an explicit `LOCK_UN`), and the
    singleton starts outside it: a mutex for a file's readers and writers, not a guard held
    while the bot runs. (`with single_instance(): run_polling()` is a guard: the start is
    inside a `with` of that function.)"""
    if not location.path.endswith(".py"):
        return False
    function = next((f for f in _functions(repo, location.path) if f[1] <= location.line <= f[2]), None)
    if function is None or not function[3]:
        return False
    name, first, last, _ = function
    starts = [evidence.location, *(step.location for step in evidence.trace)]
    if any(start.path == location.path and first <= start.line <= last for start in starts):
        return False  # the start runs while this function holds the lock
    for start in starts:
        if any(a <= start.line <= b for a, b in _with_spans(repo, start.path, name)):
            return False
    return True


def _functions(repo, path: str) -> list:
    """(name, first line, last line, takes-and-releases) of every function, innermost first."""
    return repo.memo(("lock-functions", path), lambda: _read_functions(repo, path))


def _tree(repo, path: str):
    import ast

    text = repo.read_text(path) if path.endswith(".py") else None
    try:
        return ast.parse(text) if text is not None and len(text) < 2_000_000 else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _read_functions(repo, path: str) -> list:
    import ast

    tree = _tree(repo, path)
    found = []
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            releases = any(isinstance(inner, (ast.Yield, ast.YieldFrom))
                           or (isinstance(inner, ast.Attribute) and inner.attr == "LOCK_UN")
                           or (isinstance(inner, ast.Name) and inner.id == "LOCK_UN") for inner in _own_nodes(node))
            found.append((node.name, node.lineno, getattr(node, "end_lineno", None) or node.lineno, releases))
    found.sort(key=lambda f: f[2] - f[1])  # innermost (shortest) first
    return found


def _with_spans(repo, path: str, name: str) -> list[tuple[int, int]]:
    """Body spans of the `with` statements of `path` that call a function named `name`."""
    def read():
        import ast

        tree = _tree(repo, path)
        spans = []
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, (ast.With, ast.AsyncWith)) and node.body:
                for item in node.items:
                    call = item.context_expr
                    func = call.func if isinstance(call, ast.Call) else None
                    called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                    if called == name:
                        spans.append((node.body[0].lineno, node.end_lineno or node.lineno))
        return spans
    return repo.memo(("lock-with-spans", path, name), read)


def _own_nodes(function):
    """The nodes of a function's body, not those of functions nested in it."""
    import ast

    stack = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in ast.iter_child_nodes(node)
                     if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)))


def _launch_index(plan) -> dict:
    index: dict = {}
    for lp in plan.launches:
        index.setdefault((id(lp.launch), id(lp.target)), []).append(lp)
    return index


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
