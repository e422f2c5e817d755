"""Celery tasks queued once when the worker starts: `@worker_ready.connect` (or
`celeryd_after_setup`, `worker_init`) receivers that call `listen.delay()` put ONE message
on the queue per worker start, so the task runs once, in one worker child, not in every
child. A task that beat schedules, or that other code calls as well, keeps the per-child
count (code/celery.py): every call is another run.

Reads the modules the worker imports (parsed once, code/celery._parse).
"""
from __future__ import annotations

import ast

from ..repo import Repo

QUEUE_CALLS = frozenset({"delay", "apply_async"})


def queued_once(repo: Repo, paths: list[str], task, once_signals: tuple[str, ...]) -> str:
    """The receiver (`after_setup` in proj/celery.py:12) that queues `task` once per
    worker start, when that is the task's only caller in `paths`; "" otherwise."""
    if task.schedule:
        return ""
    receivers: list[str] = []
    keys = (("call", task.function), ("send", task.name))
    for path in paths[:200]:
        calls = _queue_calls(repo, path, once_signals)
        for key in keys:
            for receiver in calls.get(key, ()):
                if receiver is None:
                    return ""  # queued from elsewhere too (a view, a loop, another task)
                receivers.append(f"`{receiver.name}` ({path}:{receiver.lineno})")
    return receivers[0] if len(receivers) == 1 else ""


def _queue_calls(repo: Repo, path: str, once_signals: tuple[str, ...]) -> dict[tuple[str, str], list]:
    """Every queueing call of a module, by what it queues (("call", function name) for
    `f.delay()`/`f.apply_async()`, ("send", task name) for `app.send_task("name")`), each
    with the once-per-start receiver it sits in, or None: one walk per module and scan,
    however many tasks the worker has."""
    def compute() -> dict[tuple[str, str], list]:
        from .celery import _parse

        tree = _parse(repo, path)
        found: dict[tuple[str, str], list] = {}
        if tree is None:
            return found
        once = {id(fn) for fn in _once_receivers(tree, once_signals)}
        for statement in tree.body:
            receiver = statement if id(statement) in once else None
            for node in ast.walk(statement):
                key = _queued(node)
                if key is not None:
                    found.setdefault(key, []).append(receiver)
        return found

    return repo.memo(("celery-queue-calls", path, once_signals), compute)


def _once_receivers(tree: ast.Module, once_signals: tuple[str, ...]) -> list[ast.AST]:
    found = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(func, ast.Attribute) and func.attr == "connect":
                signal = func.value.attr if isinstance(func.value, ast.Attribute) else getattr(func.value, "id", "")
                if signal in once_signals:
                    found.append(node)
    return found


def _queued(node: ast.AST) -> tuple[str, str] | None:
    """What a call queues: `task.delay(...)`, `task.apply_async(...)` -> ("call", "task");
    `app.send_task("<task name>")` -> ("send", "<task name>")."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    func = node.func
    if func.attr in QUEUE_CALLS:
        target = func.value
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        return ("call", name) if name else None
    if func.attr == "send_task" and node.args:
        first = node.args[0]
        return ("send", first.value) if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
    return None
