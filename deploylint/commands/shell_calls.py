"""Part of the shell analysis (`shell.py`): code a script runs from elsewhere.

- A call of a function the script defined runs its body there, with the call's
  arguments as `$1`.. and `"$@"`.
- `source FILE` / `. FILE` of a repository script runs it in this shell: the variables it
  sets (`. ./.env` then `[ "$MODE" = bot ]`) are known after it.
- `$(...)` inside a command's argument (`kill $(pgrep -f bot)`): its facts are recorded.
"""
from __future__ import annotations

from ..model import Location
from ..record import replace
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
        _opens(walk, path_text)
        return  # a system file or a run-time path: nothing to follow
    path = join(walk.cwd, path_text)
    repo = walk.ctx.repo
    if path in walk.sourcing or walk.ctx.depth >= 12 or not repo.exists(path):
        _opens(walk, path_text)
        return
    text = repo.read_text(path)
    if text is None or not _expand(walk, node):
        _opens(walk, path_text)
        return
    if walk.opened is not None:  # the names it may set are the script's too
        from .shell_words import assigned_names

        names = assigned_names(text)
        walk.opened = None if names is None else walk.opened | names
    from ..treesitter import parse

    saved = walk.lines, walk.origin, walk.ctx
    walk.sourcing.add(path)
    walk.lines, walk.origin = _Lines(text), Location(path, 1, 1)
    walk.ctx = walk.ctx.step(_at_saved(saved, node), f"sources {path}")
    try:
        _statements(parse("bash", text).root_node, walk, background)
    finally:
        walk.sourcing.discard(path)
        # it ran in this shell: its variables and the files it wrote stay (`. ./.env`, `source config.sh`)
        walk.lines, walk.origin = saved[:2]
        walk.ctx = replace(saved[2], env=walk.ctx.env, written=walk.ctx.written)
        _active[0] -= 1


def _at_saved(saved, node) -> Location:
    lines, origin, _ = saved
    row, col = node.start_point
    base = max(origin.column, 1) if row == 0 else 1
    return Location(origin.path, origin.line + row, base + lines.column(row, col))


def _opens(walk: _Walk, path_text: str) -> None:
    """A sourced file that is not read may set any variable (a virtualenv's activate
    script sets only its own)."""
    if walk.opened is not None and not path_text.endswith("bin/activate"):
        walk.opened = None


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
