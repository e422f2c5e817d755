"""Shell text -> simple commands, with what runs concurrently, in sequence, or as
alternatives.

Parsed with tree-sitter-bash, which never raises: a broken command still yields a
tree, and its ERROR nodes become a DPL004 finding while the parsable part is analysed.

Shell semantics (DESIGN.md "Shell semantics"):
- `a & b`: `a` runs in the background beside `b` (concurrent).
- `a; b`, `a && b`, lines: `b` starts after `a` exits. Each Process records the
  foreground command before it (`waits_for`); `sequence.resolve` later decides, with
  the code evidence, whether that command is long-running (then `b` is a fallback,
  "after `a` exits", not a copy beside it).
- `if/elif/else`, `case`, `[ test ] && b`: alternatives. Each Process records its
  branch path (`branches`) and a readable `condition`; copies are the maximum over the
  branches. `a || b` runs `b` after `a` fails.
- `exec a` replaces the shell: nothing after it runs. Functions defined in the script
  run where they are called, with the call's arguments as `$1`.. and `"$@"`; `source`/`.`
  of a repository script runs it in this shell; `trap '...' EXIT` runs its action (or the
  script's function of that name, defined above or below) when the shell exits.
- Words: an unquoted `$VAR` with blanks in its known value is several words; bash arrays
  (`cmd=(python bot.py)`, `cmd+=(...)`, `"${cmd[@]}"`) are kept (shell_values.py).
- Loops and `wait` (shell_loops.py): a restart loop runs one copy at a time; `&` in a
  loop body starts one copy per pass; `for x in a b` runs the body once per item.
Nesting is bounded (`_MAX_NESTING`, shared by nested scripts) and `a && b && ...`
chains are flattened without recursion, so hostile input costs a DPL006 (analysis
limit) on the line where the budget ran out, never a crash.
A walk reports at most MAX_PROCESSES long-running background processes and MAX_COMMANDS commands
(DPL006 where it stops: a script of 60,000 `python bot.py &` lines would make every pair a
comparison in the checks).
"""
from __future__ import annotations

import bisect
import sys
from ..record import dataclass, field, replace

from ..model import Location, Process
from ..safe import MAX_COMMAND
from . import Analysis, Call, Context, run_call
from .sequence import keeps_running
from .shell_flags import option_flags
from .shell_loops import wait, walk_loop
from .shell_branches import _branch, _case, _if
from .shell_words import _all_arguments, _default_assignment, _evaluate, _is_test, _split, _word

_SKIP = {"comment", "heredoc_body", "heredoc_start", "heredoc_end", "test_command", "variable_assignment",
         "variable_assignments", "declaration_command", "unset_command", "file_redirect", "herestring_redirect",
         "heredoc_redirect"}
_MAX_NESTING = 80  # nested compound statements, over all scripts being walked at once
_MAX_EXPANSIONS = 400  # function calls and `source`s followed in one script
MAX_PROCESSES = 200  # long-running background processes one walk reports (a script of 60,000 `python bot.py &` lines)
MAX_COMMANDS = 5000  # commands of any kind one walk follows (`echo` lines included)
_active = [0]  # current nesting, shared by nested walks (single-threaded)
_TRAP_EXIT = {"EXIT", "0", "SIGEXIT"}


class _Lines:
    """Row/byte-column -> line/character-column, linear in the text (a 1 MB one-line
    command must not cost a re-encode per node)."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self._starts: dict[int, list[int] | None] = {}

    def column(self, row: int, byte_col: int) -> int:
        if row >= len(self.lines):
            return byte_col
        if row not in self._starts:
            line = self.lines[row]
            if line.isascii():
                self._starts[row] = None
            else:
                starts, offset = [], 0
                for char in line:
                    starts.append(offset)
                    offset += len(char.encode("utf-8", errors="replace"))
                self._starts[row] = starts
        starts = self._starts[row]
        return byte_col if starts is None else bisect.bisect_left(starts, byte_col)


@dataclass
class _Walk:
    lines: _Lines
    origin: Location
    ctx: Context
    cwd: str
    result: Analysis
    functions: dict = field(default_factory=dict)  # name -> body node (and its text/origin)
    calling: set = field(default_factory=set)  # functions being walked (no recursion)
    sourcing: set = field(default_factory=set)  # scripts being sourced (no loops)
    last: Process | None = None  # the nearest foreground command before this statement
    how: str = "exits"  # how the next command follows `last`
    branches: tuple = ()
    condition: str = ""
    stopped: bool = False  # `exec` ran: nothing after it runs
    errexit: bool = False  # `set -e`
    positional: tuple[str, ...] | None = None  # $1.., "$@" when the script's arguments are known
    too_deep: bool = False
    expansions: int = 0  # function calls and sources followed (bounded: `f() { g; g; }` chains double)
    cached: tuple | None = None  # (key, Context) of the last command: chains of one-shots share it
    cut: Location | None = None  # where the walk stopped after MAX_COMMANDS commands
    loops: int = 0  # inside how many loop bodies (`while :; do ...; sleep 6h; done`)
    jobs: list = field(default_factory=list)  # processes started with `&` and not yet waited for
    anchors: dict = field(default_factory=dict)  # variable -> the script directory it holds (shell_values.py)
    arrays: dict = field(default_factory=dict)  # `cmd=(python bot.py "$@")`: name -> its words (shell_values.py)
    traps: list = field(default_factory=list)  # `trap cleanup EXIT` before `cleanup() {...}` is defined
    pushed: list = field(default_factory=list)  # `pushd` directories to return to (`popd`)
    opened: set | None = None  # closed environment: the names the script may set (shell_words.unset_here)


def analyse_shell(text: str, location: Location, ctx: Context) -> Analysis:
    """The Processes and Facts of shell text. One plain simple command (`gunicorn app:app
    -w 2`) is split on blanks without loading the grammar (shell_simple.py, which builds
    exactly what the walk below would); anything else is parsed and walked."""
    from .shell_simple import analyse_simple

    result = analyse_simple(text, location, ctx)
    return result if result is not None else walk_shell(text, location, ctx)


def walk_shell(text: str, location: Location, ctx: Context) -> Analysis:
    """The tree-sitter walk of shell text."""
    from ..treesitter import first_error, parse

    tree = parse("bash", text)
    if tree.root_node.has_error:
        from .shell_grammar import closing_brace

        text, tree = closing_brace(text, tree)
    walk = _Walk(_Lines(text), location, ctx, ctx.cwd, Analysis(), last=ctx.waits_for,
                 how=ctx.waits_how or "exits", branches=ctx.branches, condition=ctx.condition,
                 positional=ctx.positional)
    if ctx.positional is not None:
        walk.ctx = replace(ctx, positional=None)  # commands it runs get their own arguments
        flags = {name: "" for name in option_flags(tree.root_node) if name not in ctx.env}
        if flags:  # set only by the argument parser's `case` arms: empty until one of them runs
            walk.ctx = replace(walk.ctx, env={**walk.ctx.env, **flags})
    if ctx.env_closed:  # a variable the launch does not set and the script never assigns is unset
        from .shell_words import assigned_names

        walk.opened = assigned_names(text)
        walk.ctx = replace(walk.ctx, env_closed=False)  # the commands it runs: see _make_context
    error = first_error(tree.root_node)
    if error is not None:
        ctx.unresolved(_at(walk, error), "shell syntax error in start command; analysed the parts that parse",
                       "fix the quoting or syntax of the command")
    _statements(tree.root_node, walk, background=ctx.background)
    for name, location, state in walk.traps:  # the shell runs an EXIT trap's function when it exits
        walk.ctx, walk.cwd, walk.branches, walk.condition = state
        _trap_exit(name, location, walk, defer=False)
    _cut(walk.result.processes, ctx, walk.cut)
    return walk.result


def _cut(processes: list, ctx: Context, stopped: Location | None) -> None:
    """At most MAX_PROCESSES long-running background processes from one walk (every pair of
    them is compared by the checks), and no statement after MAX_COMMANDS commands (one
    `a && b && ...` chain is kept whole): DPL006 where it stops."""
    running = 0
    for index, process in enumerate(processes):
        running += bool(process.long_running and process.background)
        if running > MAX_PROCESSES:
            stopped = process.location
            del processes[index:]
            break
    if stopped is not None:
        ctx.limit(stopped, f"the script starts more than {MAX_PROCESSES} long-running processes in the background or "
                  f"{MAX_COMMANDS:,} commands; the ones from here on were not analysed",
                  "split the script, or start fewer processes from it")


def _at(walk: _Walk, node) -> Location:
    """The Location of a tree-sitter node inside the analysed text."""
    line, column = _position(walk, node.start_point)
    end_line, end_column = _position(walk, node.end_point)
    return Location(walk.origin.path, line, column, end_line, end_column)


def _position(walk: _Walk, point) -> tuple[int, int]:
    row, byte_col = point
    col = walk.lines.column(row, byte_col)
    base = max(walk.origin.column, 1) if row == 0 else 1
    return walk.origin.line + row, base + col


def _text(node, limit: int = 60) -> str:
    text = " ".join(node.text.decode("utf-8", errors="replace").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- statements -------------------------------------------------------------------------
def _expand(walk: _Walk, node) -> bool:
    """Budget for following functions and sourced scripts (each call walks a body again)."""
    walk.expansions += 1
    if walk.expansions > _MAX_EXPANSIONS:
        if walk.expansions == _MAX_EXPANSIONS + 1:
            walk.ctx.limit(_at(walk, node), f"more than {_MAX_EXPANSIONS} shell function calls or sourced scripts; "
                           "the rest were not followed", "simplify the start script (fewer nested function calls)")
        return False
    return _enter(walk, node)


def _enter(walk: _Walk, node) -> bool:
    if _active[0] >= _MAX_NESTING:
        if not walk.too_deep:
            walk.too_deep = True
            walk.ctx.limit(_at(walk, node), f"shell code nested more than {_MAX_NESTING} levels deep; the inner part "
                           "was not analysed", "flatten the start command or script (fewer nested blocks, subshells "
                           "and functions)")
        return False
    _active[0] += 1
    return True


def _statements(node, walk: _Walk, background: bool) -> None:
    """Walk a container's children in order."""
    _sequence(node.children, walk, background)


def _sequence(children, walk: _Walk, background: bool) -> None:
    """Statements in order; one followed by `&` runs in the background."""
    for i, child in enumerate(children):
        if walk.stopped:
            return
        if len(walk.result.processes) > MAX_COMMANDS:  # walk_shell reports the cut
            walk.cut = walk.cut or _at(walk, child)
            return
        if child.type in ("variable_assignment", "declaration_command"):
            from .shell_values import assign  # `NAME=value` (a plain command line has none)

            assign(child, walk)
            continue
        if not child.is_named or child.type in _SKIP:
            continue
        followed_by_amp = i + 1 < len(children) and children[i + 1].type == "&"
        start = len(walk.result.processes)
        _statement(child, walk, background or followed_by_amp)
        if followed_by_amp:  # a job: `wait` and loops (shell_loops.py) look at it
            walk.jobs.extend(p for p in walk.result.processes[start:] if p.long_running)


_LOOPS = frozenset({"while_statement", "for_statement", "c_style_for_statement"})


def _statement(node, walk: _Walk, background: bool) -> None:
    kind = node.type
    if kind == "command":
        _command(node, walk, background)
        return
    if kind == "function_definition":
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is not None and body is not None:
            walk.functions[name.text.decode("utf-8", errors="replace")] = (body, walk.lines, walk.origin)
        return
    if not _enter(walk, node):
        return
    try:
        if kind == "list":
            _list(node, walk, background)
        elif kind == "if_statement":
            _if(node, walk, background)
        elif kind == "case_statement":
            _case(node, walk, background)
        elif kind == "pipeline":
            _pipeline(node, walk, background)
        elif kind == "subshell":
            saved = walk.cwd, walk.stopped  # `(cd x && exec y)` changes nothing outside
            _statements(node, walk, background)
            walk.cwd, walk.stopped = saved
        elif kind == "command_substitution":
            saved = walk.last, walk.stopped
            _statements(node, walk, False)
            walk.last, walk.stopped = saved
        elif kind in _LOOPS:
            walk_loop(node, walk, background)
        elif kind == "redirected_statement":
            _statements(node, walk, background)
            from .shell_files import record

            record(node, walk, sys.modules[__name__])
        elif node.is_named:
            _statements(node, walk, background)
    finally:
        _active[0] -= 1


def _flatten(node) -> list[tuple[str | None, object]]:
    """`a && b || c` (left-nested `list` nodes) -> [(None, a), ("&&", b), ("||", c)],
    without recursion: a long chain is one loop."""
    parts = []
    current = node
    while current.type == "list" and current.child_count >= 3:
        children = current.children
        parts.append((children[1].type, children[-1]))
        current = children[0]
    parts.append((None, current))
    parts.reverse()
    return parts


def _list(node, walk: _Walk, background: bool) -> None:
    previous = None
    for op, item in _flatten(node):
        if walk.stopped:
            return
        if op is not None and previous is not None and _is_test(previous):
            # `[ -n "$X" ] && b`: b is one branch of a condition (decided when the values are known)
            value = _evaluate([previous], walk)
            if value is None:
                _branch(walk, item, background, f"the branch after `{_text(previous)} {op}`")
            elif value == (op == "&&"):
                _statement(item, walk, background)
        elif op == "||":  # b runs after a fails
            stopped, walk.how = walk.stopped, "fails"
            _statement(item, walk, background)
            walk.how, walk.stopped = "exits", stopped
        else:
            _statement(item, walk, background)
        previous = item


def _pipeline(node, walk: _Walk, background: bool) -> None:
    """`a | b`: the commands of a pipeline run together, none after another."""
    start = walk.last
    found = start
    for child in node.children:
        if not child.is_named or child.type in _SKIP:
            continue
        walk.last = start
        _statement(child, walk, background)
        if walk.last is not start:
            found = walk.last
    walk.last = found


# -- simple commands ----------------------------------------------------------------------
def _command(node, walk: _Walk, background: bool) -> None:
    if node.end_byte - node.start_byte > MAX_COMMAND:  # a 1 MB line in a script: one finding, not 500k words
        walk.ctx.limit(_at(walk, node), f"a command longer than {MAX_COMMAND:,} characters; not analysed",
                       "move the long argument list into a file the program reads")
        return
    if node.child_count >= 2 and node.children[-1].type == "command_name":
        from .shell_values import glued_assignment

        if glued_assignment(node, walk):  # `out=./log/`date +%s`.txt`: one assignment
            _nested_substitutions(node, walk)
            return
    env: dict[str, str] = {}
    words: list[tuple[str, object]] = []
    for child in node.children:
        if child.type == "variable_assignment":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            if name is not None:
                env[name.text.decode()] = _word(value, walk) if value is not None else ""
        elif child.type == "command_name":
            name = child.children[0] if child.children else child
            spread = _all_arguments(name, walk)  # a bare `"$@"` line runs the arguments
            words.extend((word, child) for word in (spread if spread is not None else _split(name, walk)))
        elif child.is_named and child.type not in ("file_redirect", "herestring_redirect", "comment"):
            spread = _all_arguments(child, walk)
            words.extend((word, child) for word in (spread if spread is not None else _split(child, walk)))
        if child.type == "command_substitution" or any(c.type == "command_substitution" for c in child.children):
            _nested_substitutions(child, walk)
    if not words:
        return
    argv = tuple(w for w, _ in words)
    program = argv[0]
    if program in ("cd", "pushd", "popd"):
        from .shell_values import change_directory

        change_directory(argv, walk)
        return
    if program == "shift" and walk.positional:
        from .shell_values import shift

        shift(argv, walk)
        return
    if program == ":":  # `: "${PORT:=8000}"` assigns a default
        for _, word in words[1:]:
            _default_assignment(word, walk)
        return
    if program == "exit" and not background:
        walk.stopped = True  # like `exec`: nothing after it runs on this path
        return
    if program in walk.functions and program not in walk.calling:
        _call_function(program, _at(walk, node), walk, background, argv[1:])
        return
    if program in ("source", ".") and len(argv) > 1:
        _source(argv[1], words[1][1], walk, background)
        return
    if program == "set":  # shell options, not a program: only `set -e` matters here
        if any(a.startswith("-") and not a.startswith("--") and "e" in a[1:] for a in argv[1:]) \
                or "errexit" in argv[1:]:
            walk.errexit = True
        return
    if program in ("cp", "install"):  # the copy is a file the script wrote (shell_files.Written)
        from .shell_files import copied

        copied(argv, node, walk, sys.modules[__name__])
    if program == "git" and argv[1:2] == ("clone",):  # code fetched at run time (shell_files.cloned)
        from .shell_files import cloned

        cloned(argv, node, walk, sys.modules[__name__])
    locations = tuple(_at(walk, n) for _, n in words)
    start = locations[0]
    whole = _at(walk, node)
    if whole.end_line == start.line:  # the process spans its whole command, for carets
        start = Location(start.path, start.line, start.column, start.line, whole.end_column)
    call = Call(argv, start, background, env, locations)
    ctx = _call_context(walk, env)
    analysis = run_call(call, ctx)
    if walk.loops and any(f.kind == "sleep" for f in analysis.facts):
        # a sleep in a loop paces the loop (a renewal every 12 h, a restart back-off): it
        # does not order start-up
        analysis = Analysis(analysis.processes, [f for f in analysis.facts if f.kind != "sleep"])
    walk.result.add(analysis)
    if program == "trap":
        skip = 2 if argv[1:2] == ("--",) else 1  # `trap -- 'cmd' EXIT`
        action = argv[skip] if len(argv) > skip else ""
        # `trap - EXIT` resets the trap and `trap '' EXIT` ignores the signal: nothing runs then
        if len(argv) > skip + 1 and action not in ("-", "") and any(s.upper() in _TRAP_EXIT for s in argv[skip + 1:]):
            _trap_exit(action, locations[skip], walk)
    if not background:
        candidate = next((p for p in reversed(analysis.processes) if _foreground(p)), None)
        if candidate is not None:
            walk.last = candidate
            walk.how = "exits"
        if program == "exec" and len(argv) > 1:
            walk.stopped = True  # the shell is replaced: nothing after this line runs
        if program == "wait":
            wait(walk, argv)


def _foreground(process: Process) -> bool:
    """A command the next line waits for (whether it is long-running is decided later,
    with the code evidence, in `sequence.resolve`)."""
    return not process.background and process.kind != "unknown" and not process.after \
        and (process.long_running or keeps_running(process))


def _call_context(walk: _Walk, env: dict) -> Context:
    ctx = walk.ctx
    key = (id(ctx), id(walk.last), walk.how, walk.errexit, walk.branches, walk.condition, walk.cwd,
           walk.opened is None)
    if not env and walk.cached is not None and walk.cached[0] == key:
        return walk.cached[1]
    made = _make_context(walk, env)
    if not env:
        walk.cached = (key, made)
    return made


def _make_context(walk: _Walk, env: dict) -> Context:
    ctx = walk.ctx
    how = walk.how
    if walk.errexit and how == "exits":
        how = "exits without an error (`set -e`)"
    changes = dict(waits_for=walk.last, waits_how=how if walk.last is not None else "",
                   branches=walk.branches, condition=walk.condition)
    if walk.cwd != ctx.cwd or env:
        changes.update(cwd=walk.cwd, env={**ctx.env, **env}, depth=ctx.depth + 1)
    if walk.opened is not None:  # still closed for a command it runs when every name it set is known
        changes["env_closed"] = all(name in ctx.env or name in env for name in walk.opened)
    return replace(ctx, **changes)


def _call_function(name: str, where: Location, walk: _Walk, background: bool, args: tuple[str, ...] = ()) -> None:
    from .shell_calls import call_function

    call_function(name, where, walk, background, args)


def _source(path_text: str, node, walk: _Walk, background: bool) -> None:
    from .shell_calls import source

    source(path_text, node, walk, background)


def _trap_exit(action: str, location: Location, walk: _Walk, defer: bool = True) -> None:
    """`trap 'python bot.py' EXIT`: the action runs when the shell exits (a function of
    the script: shell_traps.py)."""
    from .shell_traps import trap_exit

    trap_exit(action, location, walk, sys.modules[__name__], defer)


def _nested_substitutions(node, walk: _Walk) -> None:
    from .shell_calls import nested_substitutions

    nested_substitutions(node, walk)
