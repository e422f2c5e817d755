"""Part of the shell analysis (`shell.py`): loops, and `wait` for background jobs.

- A restart loop runs its command again when it exits, one copy at a time:
  `while true; do python bot.py; sleep 5; done`, `until python bot.py; do sleep 5; done`.
  The Process records `restarted` (the loop supervises it: DPL103 does not apply).
- `for x in a b c` over a known word list whose body uses `$x` runs the body once per item
  with `x` bound (`python "$bot/main.py" &` starts two different bots). A later pass that
  starts the same program again, told apart only by the variable (a shard id, a port, an
  account), is kept once: the passes are not copies of one another.
- A body that starts a long-running command with `&`, does not use the loop variable and
  neither waits for nor stops it starts one more copy on every pass, all running at once:
  `for i in 1 2 3; do python bot.py & done` is 3 copies, `while true; do python bot.py &
  sleep 60; done` one more every minute (at least 2).
- `wait` (without `-n`): the next command starts once the background jobs have exited (a
  fallback when they are long-running, DPL109). `wait -n` returns when the first job exits.
Every pass of an unrolled loop is counted against the walk's expansion budget and the list
is capped (MAX_ITEMS), so nested loops stay bounded.
"""
from __future__ import annotations

import re

from ..model import Copies
from ..record import replace
from .shell_words import _known
from ..patterns import lazy_re

_SWITCH = "start it once, before or after the loop (or `wait` for it inside the loop body)"
MAX_ITEMS = 16  # items of a `for` list walked one by one
_FOREVER = frozenset({"true", ":", "[ 1 ]", "[ true ]", "((1))", "[ 1 -eq 1 ]", "[[ 1 ]]"})
_STOPS = lazy_re(r"(?<![\w-])(kill|pkill|killall|break|exit|return|wait)(?![\w-])")
_LEAVES = lazy_re(r"(?<![\w-])(break|exit|return|exec)(?![\w-])")
_SEQ = lazy_re(r"\$\(\s*seq\s+(?:(-?\d{1,6})\s+)?(-?\d{1,6})\s*\)")


def walk_loop(node, walk, background: bool) -> None:
    from . import shell

    walk.loops += 1
    try:
        if node.type == "for_statement":
            _for(node, walk, background, shell)
        elif node.type == "while_statement":
            _while(node, walk, background, shell)
        else:
            _c_for(node, walk, background, shell)
    finally:
        walk.loops -= 1


def wait(walk, argv: tuple[str, ...]) -> None:
    """`wait` / `wait $PID`: what follows starts once the background jobs have exited."""
    if any(a.startswith("-") for a in argv[1:]) or not walk.jobs:
        return  # `wait -n`: returns when the first job exits; the others keep running
    job = next((p for p in reversed(walk.jobs) if p.kind != "unknown" and p.long_running), None)
    walk.jobs = []
    if job is not None:
        walk.last, walk.how = job, "exits (`wait`)"


def probes(processes) -> None:
    """Programs deploylint does not model in a `while`/`if` condition (`while ! my-probe db;
    do sleep 2; done`) are tests: the loop or branch goes on when they return, so they are
    not long-running (an `until prog` restart loop keeps its program running)."""
    for process in processes:
        if process.kind == "other" and process.long_running:
            process.long_running = False


def _label(node, keyword: str, head: str, shell, walk) -> str:
    where = shell._at(walk, node)
    return f"the `{keyword} {head}` loop ({where.path}:{where.line})"


def _body(node) -> list:
    body = node.child_by_field_name("body")
    return list(body.children) if body is not None else []


def _pass(nodes, walk, background: bool, shell) -> tuple[list, list]:
    """Walk `nodes` once: (the processes it added, the `&` jobs it left running)."""
    start = len(walk.result.processes)
    saved, walk.jobs = walk.jobs, []
    try:
        shell._sequence(nodes, walk, background)
    finally:
        pending, walk.jobs = walk.jobs, saved + walk.jobs
    return walk.result.processes[start:], pending


def _multiply(pending, count: int, reason: str, location, stops: bool) -> None:
    if stops or count < 2:
        return
    for process in pending:
        if process.long_running and process.kind != "unknown":
            process.copies = process.copies.times(Copies(count, reason, location, switch=_SWITCH))


def _uses(node, name: str) -> bool:
    if node is None or not name:
        return False
    text = node.text.decode("utf-8", errors="replace")
    pattern = rf"\$\{{?#?{re.escape(name)}\b|\(\([^)]*\b{re.escape(name)}\b"
    return re.search(pattern, text) is not None


def _items(node, walk) -> list[str] | None:
    """The words a `for` loop runs over, when known statically (None otherwise)."""
    values = node.children_by_field_name("value")
    if not any(c.type == "in" for c in node.children):
        return list(walk.positional) if walk.positional is not None else None  # `for x; do`: "$@"
    items: list[str] = []
    for value in values:
        text = value.text.decode("utf-8", errors="replace")
        if value.type == "brace_expression":
            numbers = [int(c.text) for c in value.children if c.type == "number" and len(c.text) < 7]
            span = _range(*numbers) if len(numbers) == 2 else None
            if span is None:
                return None
            items.extend(str(n) for n in span)
        elif value.type == "command_substitution":
            known = _substituted(text, walk)
            if known is None:
                return None
            items.extend(known)
        else:
            word = _known(value, walk)
            if word is None:
                return None
            # an unquoted variable splits on blanks: `for bot in $BOTS`
            items.extend(word.split() if value.type in ("simple_expansion", "expansion") else [word])
        if len(items) > MAX_ITEMS * 4:
            return None
    return items


def _substituted(text: str, walk) -> list[str] | None:
    """`$(seq 3)`, `$(seq 0 2)`, `$(seq $N)` with N known."""
    env = walk.ctx.env
    text = re.sub(r"\$\{?(\w+)\}?", lambda m: str(env.get(m.group(1), m.group(0))), text)
    match = _SEQ.fullmatch(text.strip())
    if match is None:
        return None
    first, last = int(match.group(1)) if match.group(1) else 1, int(match.group(2))
    if last < first:
        return []  # seq counts up only: nothing to print
    span = _range(first, last)
    return [str(n) for n in span] if span is not None else None


def _range(first: int, last: int) -> range | None:
    """`{a..b}` / `seq a b`; None when too long to walk item by item (then: unknown, at least 2)."""
    if abs(last - first) > MAX_ITEMS * 4:
        return None
    return range(first, last + 1) if last >= first else range(first, last - 1, -1)


def _for(node, walk, background: bool, shell) -> None:
    variable = node.child_by_field_name("variable")
    name = variable.text.decode("utf-8", errors="replace") if variable is not None else ""
    items = _items(node, walk)
    if items is not None and not items and node.children_by_field_name("value"):
        return  # an empty list: the body never runs
    body = node.child_by_field_name("body")
    uses = _uses(body, name)
    head = f"{name} in " + " ".join(v.text.decode("utf-8", errors="replace") for v in node.children_by_field_name("value"))
    label = _label(node, "for", head if len(head) <= 40 else head[:39] + "…", shell, walk)
    if items is not None and uses and 1 < len(items) <= MAX_ITEMS:
        _unrolled(node, name, items, walk, background, shell)
        return
    env = dict(walk.ctx.env)
    if items is not None and len(items) == 1:
        env[name] = items[0]
    else:
        env.pop(name, None)
    walk.ctx = replace(walk.ctx, env=env)
    _, pending = _pass(_body(node), walk, background, shell)
    if uses:
        return  # each pass runs with another value: not copies of one command
    count = len(items) if items is not None else 2
    reason = f"one per item of {label}" if items is not None else f"one per item of {label} (at least 2)"
    _multiply(pending, count, reason, shell._at(walk, node), _stops(body))


def _unrolled(node, name: str, items: list[str], walk, background: bool, shell) -> None:
    """The body once per item, `name` bound; a program a later pass starts again is kept once."""
    seen: dict[tuple, tuple] = {}  # program -> its argv in the first pass that ran it
    mentions = re.compile(rf"\$\{{?#?{re.escape(name)}\b|\(\([^)]*\b{re.escape(name)}\b")
    facts: set[tuple] = set()
    findings = walk.ctx.repo.findings
    reported = {(f.code, f.location, f.message) for f in findings}
    for index, item in enumerate(items):
        if not shell._expand(walk, node):
            return
        start, fact_start, finding_start = len(walk.result.processes), len(walk.result.facts), len(findings)
        try:
            walk.ctx = replace(walk.ctx, env={**walk.ctx.env, name: item})
            added, _ = _pass(_body(node), walk, background, shell)
        finally:
            shell._active[0] -= 1
        kept = []
        for process in added:
            key = (process.location, process.entry, process.kind, process.app)
            first = seen.setdefault(key, process.argv)
            # the same program again, told apart by the variable (`--shard-id $i`): one of them
            if first is process.argv or (first == process.argv and not any(mentions.search(a) for a in first)):
                kept.append(process)
        walk.result.processes[start:] = kept
        new_facts = walk.result.facts[fact_start:]
        walk.result.facts[fact_start:] = [f for f in new_facts if (f.kind, f.location) not in facts]
        facts.update((f.kind, f.location) for f in new_facts)
        new = findings[finding_start:]
        findings[finding_start:] = [f for f in new if (f.code, f.location, f.message) not in reported]
        reported.update((f.code, f.location, f.message) for f in new)


def _while(node, walk, background: bool, shell) -> None:
    keyword = node.children[0].type if node.children else "while"
    conditions = node.children_by_field_name("condition")
    head = "; ".join(shell._text(c) for c in conditions if c.is_named and c.type != "comment")
    forever = (keyword == "while" and (head in _FOREVER or re.fullmatch(r"sleep \d+\w?", head) is not None)) \
        or (keyword == "until" and head == "false")
    label = _label(node, keyword, head if len(head) <= 40 else head[:39] + "…", shell, walk)
    start = len(walk.result.processes)
    _, pending = _pass(conditions, walk, background, shell)  # the condition runs on every pass
    condition_end = len(walk.result.processes)
    if keyword == "while" and not forever:
        probes(walk.result.processes[start:condition_end])
    _, body_pending = _pass(_body(node), walk, background, shell)
    pending = pending + body_pending
    jobs = {id(p) for p in pending}
    # `until python bot.py`: runs it again until it succeeds; `while true`: the body again
    restarting = walk.result.processes[start:] if forever else \
        walk.result.processes[start:condition_end] if keyword == "until" else []
    for process in restarting:
        if id(process) not in jobs and process.long_running and process.kind != "unknown" and not process.restarted:
            process.restarted = label
    body = node.child_by_field_name("body")
    if forever and not background and not _LEAVES.search(body.text.decode("utf-8", errors="replace") if body else ""):
        walk.stopped = True  # an endless loop nothing breaks out of: the lines after it never run
    if forever:
        where = shell._at(walk, node)
        _multiply(pending, 2, f"started again on every pass of {label} without stopping the last copy (at least 2)",
                  where, _stops(node.child_by_field_name("body")))


def _c_for(node, walk, background: bool, shell) -> None:
    """`for ((i = 0; i < 3; i++))`: the count when the bounds are plain numbers."""
    text = node.text.decode("utf-8", errors="replace")
    match = re.match(r"for\s*\(\(\s*(\w+)\s*=\s*(\d{1,6})\s*;\s*\1\s*(<=?)\s*(\d{1,6})\s*;\s*(?:\1\s*\+\+|\+\+\s*\1|\1\s*\+=\s*1)\s*\)\)",
                     text)
    count = None
    if match:
        count = max(int(match.group(4)) - int(match.group(2)) + (1 if match.group(3) == "<=" else 0), 0)
    name = match.group(1) if match else ""
    env = dict(walk.ctx.env)
    env.pop(name, None)
    walk.ctx = replace(walk.ctx, env=env)
    _, pending = _pass(_body(node), walk, background, shell)
    body = node.child_by_field_name("body")
    if count == 0 or _uses(body, name):
        return
    head = shell._text(node, 40).split(" do", 1)[0]
    where = shell._at(walk, node)
    reason = f"one per pass of `{head}` ({where.path}:{where.line})" + ("" if count else " (at least 2)")
    _multiply(pending, count or 2, reason, where, _stops(body))


def _stops(body) -> bool:
    """The body stops, waits for or leaves its jobs: one copy at a time, not one per pass."""
    return body is None or _STOPS.search(body.text.decode("utf-8", errors="replace")) is not None
