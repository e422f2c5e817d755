"""Part of the shell analysis (`shell.py`): alternatives. `if/elif/else`, `case` and
`[ test ] && b` run one branch; each Process records its branch path (`branches`) and a
readable `condition`, and copies are the maximum over the branches. Arms that the known
values rule out (the launch's environment, the script's arguments) are dropped.
"""
from __future__ import annotations

import fnmatch
import itertools

from .shell_loops import probes
from .shell_words import _evaluate, _known



def _walker():
    from . import shell  # the statement walk (imported late: shell.py imports this module)

    return shell


def _sequence(nodes, walk, background: bool) -> None:
    _walker()._sequence(nodes, walk, background)


def _statement(node, walk, background: bool) -> None:
    _walker()._statement(node, walk, background)


def _text(node, limit: int = 60) -> str:
    return _walker()._text(node, limit)


def _branch(walk, item, background: bool, label: str) -> None:
    group = _group(walk)
    saved = walk.branches, walk.condition, walk.stopped, walk.last
    walk.branches = (*walk.branches, (group, 0))
    walk.condition = _nest(walk.condition, label)
    _statement(item, walk, background)
    stopped = walk.stopped
    walk.branches, walk.condition, walk.stopped = saved[:3]
    if stopped:  # `[ x ] && exec a`: what follows runs only when the test fails
        walk.last = saved[3]
        walk.branches = (*walk.branches, (group, 1))
        walk.condition = _nest(walk.condition, f"the path where {label} is not taken")


def _group(walk) -> str:
    """A name for one `if`/`case` of a script, unique within the scan (numbered per scan,
    so two scans in one process name the same branches alike)."""
    counter = walk.ctx.repo.memo(("shell-branch-groups",), lambda: itertools.count(1))
    return f"{walk.origin.path}#{next(counter)}"


def _nest(outer: str, inner: str) -> str:
    return f"{inner} inside {outer}" if outer else inner


def _arms(walk, arms: list[tuple[str, list]], background: bool, exhaustive: bool) -> None:
    """Alternatives: each arm runs from the same state; copies are the max over arms."""
    group = _group(walk)
    start_last, start_branches, start_condition = walk.last, walk.branches, walk.condition
    ends = []
    for index, (label, nodes) in enumerate(arms):
        walk.last, walk.stopped = start_last, False
        walk.branches = (*start_branches, (group, index))
        walk.condition = _nest(start_condition, label)
        _sequence(nodes, walk, background)
        ends.append((walk.last, walk.stopped))
    walk.branches, walk.condition = start_branches, start_condition
    walk.stopped = exhaustive and bool(ends) and all(stopped for _, stopped in ends)
    walk.last = next((last for last, stopped in ends if not stopped and last is not None and last is not start_last),
                     start_last)
    taken = [label for (label, _), (_, stopped) in zip(arms, ends) if stopped]
    if taken and not walk.stopped:  # an arm that `exec`s: what follows runs only when it is not taken
        walk.branches = (*start_branches, (group, len(arms)))
        walk.condition = _nest(start_condition, f"the path where {taken[0]} is not taken")


def _split_then(children) -> tuple[list, list]:
    """Children of an if/elif clause -> (condition nodes, body nodes)."""
    for i, child in enumerate(children):
        if child.type == "then":
            return list(children[:i]), list(children[i + 1:])
    return list(children), []


def _if(node, walk, background: bool) -> None:
    own, clauses = [], []
    for child in node.children:
        (clauses if child.type in ("elif_clause", "else_clause") else own).append(child)
    condition, body = _split_then([c for c in own if c.type not in ("if", "fi")])
    head = _join_text(condition)
    start = len(walk.result.processes)
    _sequence(condition, walk, False)  # `if python check.py; then` runs the check
    probes(walk.result.processes[start:])
    arms = [(f"the `if {head}` branch", body, condition)]
    for clause in clauses:
        if clause.type == "elif_clause":
            cond, elif_body = _split_then([c for c in clause.children if c.type != "elif"])
            arms.append((f"the `elif {_join_text(cond)}` branch of `if {head}`", elif_body, cond))
        else:
            arms.append((f"the `else` branch of `if {head}`", [c for c in clause.children if c.type != "else"], None))
    live, exhaustive = [], False
    for label, nodes, cond in arms:  # drop the arms that known values rule out
        value = True if cond is None else _evaluate(cond, walk)
        if value is False:
            continue
        live.append((label, nodes))
        if value is True:
            exhaustive = True
            break
    _chosen(walk, live, background, exhaustive)


def _chosen(walk, arms, background: bool, exhaustive: bool) -> None:
    if len(arms) == 1 and exhaustive:
        _sequence(arms[0][1], walk, background)  # the only arm that can run: not a condition
    elif arms:
        _arms(walk, arms, background, exhaustive)


def _join_text(nodes) -> str:
    texts = [_text(n) for n in nodes if n.is_named and n.type != "comment"]
    text = "; ".join(texts)
    return text if len(text) <= 60 else text[:59] + "…"


def _case(node, walk, background: bool) -> None:
    value = node.child_by_field_name("value")
    subject = _text(value) if value is not None else "…"
    known = _known(value, walk) if value is not None else None
    arms, exhaustive = [], False
    for item in node.children:
        if item.type != "case_item":
            continue
        children = item.children
        close = next((i for i, c in enumerate(children) if c.type == ")"), -1)
        patterns = [c for c in children[:close] if c.is_named] if close >= 0 else []
        pattern = "|".join(_text(p, 30) for p in patterns)
        body = list(children[close + 1:])
        if known is not None:  # the value is known: the first matching pattern runs, alone
            texts = [_known(p, walk) for p in patterns]
            if any(t is None for t in texts):
                known = None  # a pattern only known at run time: keep every arm
            elif any(fnmatch.fnmatchcase(known, t) for t in texts):
                arms, exhaustive = [(pattern, body)], True
                break
            else:
                continue
        if pattern in ("*", "'*'"):
            exhaustive = True
        arms.append((f"the `{pattern})` case of `case {subject}`", body))
    if known is not None and not exhaustive:
        return  # no pattern matches the known value: nothing runs
    _chosen(walk, arms, background, exhaustive)
