"""Part of the shell analysis (`shell.py`): code a script runs from elsewhere.

- A call of a function the script defined runs its body there, with the call's
  arguments as `$1`.. and `"$@"`.
- `source FILE` / `. FILE` of a repository script runs it in this shell.
- `$(...)` inside a command's argument (`kill $(pgrep -f bot)`): its facts are recorded.
"""
from __future__ import annotations

from ..model import Location
from ..repo import join
from . import Analysis
from .shell import _Lines, _Walk, _active, _at, _expand, _enter, _statements


def call_function(name: str, where: Location, walk: _Walk, background: bool, args: tuple[str, ...] = ()) -> None:
    """A call of a function the script defined: its body runs here, with `$1`.. and `"$@"`
    the call's arguments (`start() { nohup python "$1" & }; start bot.py`)."""
    body, lines, origin = walk.functions[name]
    if not _expand(walk, body):
        return
    saved = walk.lines, walk.origin, walk.ctx, walk.positional
    walk.calling.add(name)
    walk.lines, walk.origin = lines, origin
    walk.positional = tuple(args)
    defined = _at(walk, body)
    walk.ctx = walk.ctx.step(where, f"calls shell function `{name}` ({defined.path}:{defined.line})")
    try:
        _statements(body, walk, background)
    finally:
        walk.calling.discard(name)
        walk.lines, walk.origin, walk.ctx, walk.positional = saved
        _active[0] -= 1
    walk.stopped = False if background else walk.stopped


def source(path_text: str, node, walk: _Walk, background: bool) -> None:
    """`source ./env.sh` / `. ./lib.sh`: the script runs in this shell (its functions
    and its commands)."""
    if path_text.startswith(("/", "$", "~")):
        return  # a system file or a run-time path: nothing to follow
    path = join(walk.cwd, path_text)
    repo = walk.ctx.repo
    if path in walk.sourcing or walk.ctx.depth >= 12 or not repo.exists(path):
        return
    text = repo.read_text(path)
    if text is None or not _expand(walk, node):
        return
    from ..treesitter import parse

    saved = walk.lines, walk.origin, walk.ctx
    walk.sourcing.add(path)
    walk.lines, walk.origin = _Lines(text), Location(path, 1, 1)
    walk.ctx = walk.ctx.step(_at_saved(saved, node), f"sources {path}")
    try:
        _statements(parse("bash", text).root_node, walk, background)
    finally:
        walk.sourcing.discard(path)
        walk.lines, walk.origin, walk.ctx = saved
        _active[0] -= 1


def _at_saved(saved, node) -> Location:
    lines, origin, _ = saved
    row, col = node.start_point
    base = max(origin.column, 1) if row == 0 else 1
    return Location(origin.path, origin.line + row, base + lines.column(row, col))


def nested_substitutions(node, walk: _Walk) -> None:
    """`kill $(pgrep -f bot)` hides a command inside an argument: record its facts."""
    stack = [node]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.type == "command_substitution":
                inner = Analysis()
                saved = walk.result, walk.last, walk.stopped
                walk.result = inner
                if _enter(walk, child):
                    try:
                        _statements(child, walk, False)
                    finally:
                        _active[0] -= 1
                walk.result, walk.last, walk.stopped = saved
                walk.result.facts.extend(inner.facts)
            elif child.child_count:
                stack.append(child)
