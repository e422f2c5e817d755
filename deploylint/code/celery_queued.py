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
    from .celery import _parse

    receivers: list[str] = []
    for path in paths[:200]:
        tree = _parse(repo, path)
        if tree is None:
            continue
        once = _once_receivers(tree, once_signals)
        try:
            calls = [(node, fn) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                     for node in ast.walk(fn) if _queues(node, task)]
            outside = [node for node in ast.walk(tree) if _queues(node, task)]
        except RecursionError:
            return ""
        inside_ids = {id(node) for node, fn in calls if fn in once}
        if any(id(node) not in inside_ids for node in outside):
            return ""  # queued from elsewhere too (a view, a loop, another task)
        receivers.extend(f"`{fn.name}` ({path}:{fn.lineno})" for node, fn in calls if fn in once)
    return receivers[0] if len(receivers) == 1 else ""


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


def _queues(node: ast.AST, task) -> bool:
    """`task.delay(...)`, `task.apply_async(...)`, `app.send_task("<task name>")`."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    func = node.func
    if func.attr in QUEUE_CALLS:
        target = func.value
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        return name == task.function
    if func.attr == "send_task" and node.args:
        first = node.args[0]
        return isinstance(first, ast.Constant) and first.value == task.name
    return False
