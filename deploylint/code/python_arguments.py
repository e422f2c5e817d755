"""Branches a click/Typer sub-command's own parameters decide: `manage.py run all` binds
`what` to "all" (runners/python_cli), so in `def run(what):` the `if what == "bot":` branch
is not taken, and what it starts (a poller, a child process) does not run in this process.

Only tests inside the sub-command's function are read, and only ones made of its bound
parameters and literals (`==`, `!=`, `in`, `not in`, truthiness, `not`, `and`/`or`);
anything else stays undecided and the branch is kept, as before. The tests are read from
the module the walk already parsed: no extra parse.
"""
from __future__ import annotations

import ast

from .python_condition import UNKNOWN, evaluate, is_condition, taken


def filter_by_arguments(repo, items: list, process) -> list:
    """`items` (Evidence or Spawn records, each with a `trace`) without those behind a test
    the bound arguments decide against."""
    bound = dict(getattr(process, "arguments", ()) or ())
    hooks = getattr(process, "hooks", ()) or ()
    if not bound or not items:
        return items
    if hooks:  # `python manage.py run all`: the sub-command is a start hook of the entry
        path, qual = hooks[0].path, hooks[0].qual
    elif process.kind == "python-console" and process.entry and process.app:  # `relay run all`: it is the app
        path, qual = process.entry, process.app
    else:
        return items
    tests = _tests(repo, path, qual)
    if not tests:
        return items
    return [item for item in items if _runs(item.trace, path, tests, bound)]


def _tests(repo, path: str, qual: str) -> dict[tuple[int, int], ast.expr]:
    """(line, column) -> the `if`/`while` tests of the sub-command's own function, read from
    the module the walk parsed (python_module.load, memoised): no parse of its own."""
    from .python_module import load

    def index() -> dict:
        module = load(repo, path)
        node = module.defs.get(qual) if module is not None else None
        found: dict = {}
        if node is None:
            return found
        try:
            for sub in ast.walk(node):
                if isinstance(sub, (ast.If, ast.IfExp, ast.While)):
                    found[(sub.test.lineno, sub.test.col_offset + 1)] = sub.test
                    found.setdefault((sub.test.lineno, 0), []).append(sub.test)  # non-ASCII lines: by line
        except RecursionError:
            return {}
        return found
    return repo.memo(("python-arguments-tests", path, qual), index)


def _runs(trace, path: str, tests: dict, bound: dict) -> bool:
    for step in trace:
        where = step.location
        if where.path != path or not is_condition(step.note):
            continue
        test = tests.get((where.line, where.column))
        if test is None:
            same_line = tests.get((where.line, 0)) or []
            test = same_line[0] if len(same_line) == 1 else None
        if test is None:
            continue
        if taken(step.note, evaluate(test, lambda node, _depth: _argument(node, bound))) is False:
            return False
    return True


def _argument(node, bound: dict):
    """A sub-command's bound parameter; anything else is undecided."""
    return bound[node.id] if isinstance(node, ast.Name) and node.id in bound else UNKNOWN
