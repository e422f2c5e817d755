"""Branches the process's own command line decides: `if "runbot" in sys.argv:` in a Django
`AppConfig.ready()` starts the bot in `python manage.py runbot` only, not in the gunicorn
workers that load the same apps (`sys.argv` there is `gunicorn proj.wsgi ...`).

The walk (python_summary) records each `if` on the way to a singleton as a Step. This reads
those tests back (python_env_guard's index of tests: no parse of its own) and evaluates the
ones made of `sys.argv` (also `from sys import argv`) and literals: `"x" in sys.argv`,
`sys.argv[1] == "x"`, `sys.argv[1:]`, `len(sys.argv) > 1`, with `not`/`and`/`or`, also
through a module-level name bound once (`MODE = sys.argv[1] if len(sys.argv) > 1 else
"polling"`), and argparse results (python_argparse). The
command line is known only when every word of the process's argv is literal. `sys.argv[0]`
is the script as written, or for a program found on PATH (`gunicorn`, `celery`) a path of an
unknown directory ending in its name (`"gunicorn" in sys.argv[0]` holds, `== "gunicorn"`
does not); for `python -m` it and any index past the end stay undecided, and an undecided
test keeps the singleton, as before.
"""
from __future__ import annotations

import ast
import posixpath

from ..model import Evidence
from .python_condition import UNKNOWN, evaluate, is_condition, taken

MAX_WORDS = 64
_VALUED = frozenset({"-W", "-X", "-Q", "--check-hash-based-pycs"})  # interpreter options that take a value
PATH = "\0path"  # sys.argv[0] of `python -m pkg`: the module file's path, equal to no literal
FOUND = "\0/"  # the unknown directory of a program found on PATH: sys.argv[0] of `gunicorn ...` is FOUND + "gunicorn"


def filter_by_argv(repo, found: list[Evidence], process) -> list[Evidence]:
    """`found` without the Python evidence a `sys.argv` test keeps from running here."""
    if not found:
        return found
    argv = command_line(process)
    if argv is None:
        head = command_line(process, head=True)  # `cli.py site --port $PORT`: the sub-command is known
        if head is None or not any(".set_defaults(" in s.note for e in found for s in e.trace):
            return found
        return [e for e in found if _runs(repo, e, head, partial=True) is not False]
    return [e for e in found if _runs(repo, e, argv) is not False]


def command_line(process, head: bool = False) -> tuple[str, ...] | None:
    """What `sys.argv` is in `process`, or None when the argv is not all literal words. With
    `head`, the literal words before the first one that is not (and before the option that
    takes it: `--port $PORT`), for what only the leading words decide (an argparse sub-command)."""
    words = tuple(getattr(process, "argv", ()) or ())[:MAX_WORDS]
    unknown = [i for i, w in enumerate(words) if not w or "$" in w or "`" in w or "*" in w]
    if unknown and head:
        cut = unknown[0]
        if cut and words[cut - 1].startswith("-") and "=" not in words[cut - 1]:
            cut -= 1
        words = words[:cut]
    elif unknown:
        return None
    if not words:
        return None
    program = posixpath.basename(words[0])
    interpreter = program.startswith("python") or program in ("py", "pypy", "pypy3")
    entry = posixpath.basename(getattr(process, "entry", None) or "")
    if not interpreter:  # `gunicorn proj.wsgi -w 3` (argv[0] is where PATH finds it), `./manage.py runbot`
        written = "/" in words[0] or (process.kind == "python-script" and program == entry)  # `uv run bot.py`
        return words if written else (FOUND + words[0], *words[1:])
    index = 1
    while index < len(words) and words[index].startswith("-") and words[index] not in ("-m", "-c", "-"):
        index += 2 if words[index] in _VALUED else 1  # `python -W ignore bot.py`
    if index >= len(words):
        return None
    if words[index] == "-m":
        return (PATH, *words[index + 2:]) if index + 1 < len(words) else None  # argv[0]: the module's path
    if words[index] in ("-c", "-") or (process.kind == "python-script" and posixpath.basename(words[index]) != entry):
        return None
    return words[index:]  # `python manage.py runbot`: ("manage.py", "runbot")


def route_fails(repo, trace: tuple, argv: tuple[str, ...] | None) -> bool:
    """The walk's route `trace` passes a `sys.argv` test that `argv` fails: the unit at its
    end does not run this way (`if "--check" in sys.argv: asyncio.run(check())` in `python
    bot.py`). The walk enters each unit once, the first way it reaches it: a dead route must
    not claim the unit before the live one (python.py `push`)."""
    if argv is None or not any(is_condition(step.note) for step in trace):
        return False
    # `_runs` reads only these steps of a route (the tests, the sub-commands, and the calls
    # it takes arguments from, in order): routes that share them share the answer, and the
    # walk asks for every unit it pushes (a long route's tests were read again for each)
    # (after the last test, only which modules are called matters: `_parses_before`)
    read, later = [], {}
    for step in trace:
        if step.location.path.endswith(".py") and (is_condition(step.note) or ".set_defaults(" in step.note):
            read.extend(later.pop(None, ()))
            later.clear()
            read.append(step)
        elif step.note.startswith("calls `"):
            later.setdefault(None, []).append(step)  # in order, until a test follows
            later.setdefault(step.location.path, step)
    tail = tuple(later[path] for path in sorted(p for p in later if p is not None))
    key = (tuple(read), tail)
    return repo.memo(("python-route-fails", key, argv), lambda: _runs(repo, _Route(key[0] + tail), argv) is False)


class _Route:
    """What `_runs` reads of an Evidence: its trace."""

    __slots__ = ("trace",)

    def __init__(self, trace: tuple) -> None:
        self.trace = trace


def _runs(repo, evidence: Evidence, argv: tuple[str, ...], partial: bool = False) -> bool | None:
    """False when a test on the way (or the argparse sub-command) does not run here; with
    `partial`, `argv` is only the leading words of the command line, and only sub-commands count."""
    from .python_env_guard import _test_at

    parsed = None  # a module on the way parses arguments
    for position, step in enumerate(evidence.trace):
        if not step.location.path.endswith(".py"):
            continue
        if ".set_defaults(" in step.note and step.note.startswith("`"):  # `p.set_defaults(func=run)` runs `run`
            if _subcommand_taken(repo, step, argv, partial) is False:
                return False
            continue
        if partial or not is_condition(step.note):
            continue
        test = _test_at(repo, step.location)
        if test is None:
            continue
        module = _module(repo, step.location.path)
        bound = _bindings(repo, step.location.path)
        if parsed is None:
            parsed = _parses_before(repo, evidence.trace)
        if module is None or not _may_read(test, module, bound, parsed):
            continue
        line = step.location.line

        local = _locals(module, line)

        def lookup(node, depth, module=module, line=line, bound=bound, local=local, before=evidence.trace[:position]):
            if isinstance(node, ast.Name) and not _is_argv(node, module):
                value = local.get(node.id, bound.get(node.id))  # `cmd = sys.argv[1] if ... else ""`
                return evaluate(value, lookup, depth + 1) if value is not None else UNKNOWN
            found = _value(node, module, argv, line)
            if found is UNKNOWN and isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                found = _from_caller(repo, before, module, node, line, argv)  # `def cli(args):` called `cli(args)`
            return found

        if taken(step.note, evaluate(test, lookup)) is False:
            return False
    return None


def _subcommand_taken(repo, step, argv: tuple[str, ...], partial: bool = False) -> bool | None:
    """Does the command line pick the sub-command whose `set_defaults(func=...)` this step is?"""
    from .python_argparse import add
    from .python_subparsers import selected

    module = _module(repo, step.location.path)
    if module is None:
        return None
    calls = [n for stmt in module.tree.body for n in _nodes(stmt) if isinstance(n, ast.Call) and
             n.lineno == step.location.line and isinstance(n.func, ast.Attribute) and n.func.attr == "set_defaults"]
    if len(calls) != 1:
        return None
    return selected(module, calls[0], argv, add, partial)


def _from_caller(repo, before, module, node: ast.Attribute, line: int, argv: tuple[str, ...]):
    """`args.mode` where `args` is a parameter of the function holding `line`: the argparse
    result its caller (the last `calls` step before, in the trace) passes in that place."""
    from .python_argparse import argument, parameter, value

    found = parameter(module, line, node.value.id)  # type: ignore[attr-defined]
    if found is None:
        return UNKNOWN
    function, index = found
    step = next((s for s in reversed(before) if s.note.startswith(f"calls `{function}`")), None)
    caller = _module(repo, step.location.path) if step is not None and step.location.path.endswith(".py") else None
    given = argument(caller, step.location.line, function, index) if caller is not None else None
    if not isinstance(given, ast.Name):
        return UNKNOWN
    return value(caller, ast.Attribute(value=ast.Name(id=given.id), attr=node.attr), step.location.line, argv)


def _locals(module, line: int) -> dict[str, ast.expr]:
    """Names the function (or the module) holding `line` binds exactly once with `name = expr`
    (its own statements and those of the blocks on the way to the line). Remembered per module
    and line: every evidence whose trace passes the same test asks again (a walk of the whole
    function each time made a bot with many findings spend half its time here)."""
    from .python_argparse import memo

    return memo(module, ("locals", line), lambda: _bound_once(module, line))


def _bound_once(module, line: int) -> dict[str, ast.expr]:
    from .python_argparse import _scopes

    scopes = _scopes(module.tree, line)  # module code: its statements, with those of the blocks on the way
    counts: dict[str, int] = {}
    values: dict[str, ast.expr] = {}
    for stmt in scopes[0]:
        for node in _nodes(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                counts[node.id] = counts.get(node.id, 0) + 1
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            values[stmt.targets[0].id] = stmt.value
    return {name: value for name, value in values.items() if counts.get(name) == 1}


def _bindings(repo, path: str) -> dict[str, ast.expr]:
    from .python_env_guard import _bindings

    return _bindings(repo, path)


def _parses_before(repo, before) -> bool:
    """Does a module the trace calls from parse arguments (`def cli(args):` may be handed
    what `parser.parse_args()` returned there)?"""
    paths = {s.location.path for s in before if s.location.path.endswith(".py") and s.note.startswith("calls `")}
    return any((m := _module(repo, path)) is not None and m.mentions("parse_args") for path in sorted(paths))


def _may_read(test: ast.expr, module, bound: dict[str, ast.expr], parsed_before: bool = False) -> bool:
    """Does the test name `argv` (itself or through a module-level name bound once), or an
    attribute of a name in a module that parses arguments (or is called from one)?"""
    nodes = _nodes(test)
    if _names_argv(nodes):
        return True
    if any(isinstance(n, ast.Name) and n.id in bound and _names_argv(_nodes(bound[n.id])) for n in nodes):
        return True
    if any(isinstance(n, ast.Name) for n in nodes) and module.mentions("argv"):  # a local bound to argv
        local = _locals(module, test.lineno)
        if any(isinstance(n, ast.Name) and n.id in local and _names_argv(_nodes(local[n.id])) for n in nodes):
            return True
    return any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) for n in nodes) and \
        (parsed_before or module.mentions("parse_args"))


def _nodes(node: ast.AST) -> list[ast.AST]:
    try:
        return list(ast.walk(node))
    except RecursionError:
        return []


def _names_argv(nodes: list[ast.AST]) -> bool:
    return any(getattr(n, "id", None) == "argv" or getattr(n, "attr", None) == "argv" for n in nodes)


def _module(repo, path: str):
    from .python_module import load

    return load(repo, path)


def _is_argv(node: ast.AST, module) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute)) and module.qualified(node) == "sys.argv"


def _value(node: ast.AST, module, argv: tuple[str, ...], line: int = 0):
    """`sys.argv` as a tuple, `sys.argv[i]`, `sys.argv[i:]`, `len(sys.argv)`, an argparse
    result (`args.mode`, python_argparse); UNKNOWN otherwise."""
    if _is_argv(node, module):
        return argv
    if isinstance(node, ast.Subscript) and _is_argv(node.value, module):
        index = node.slice
        if isinstance(index, ast.Constant) and type(index.value) is int:
            i = index.value
            if i == 0:  # `"gunicorn" in sys.argv[0]`: FOUND + name holds the name, not the directory
                return argv[0] if argv and argv[0] != PATH else UNKNOWN
            return argv[i] if 1 <= i < len(argv) else UNKNOWN  # past the end: IndexError
        if isinstance(index, ast.Slice) and index.upper is None and index.step is None and \
                isinstance(index.lower, ast.Constant) and type(index.lower.value) is int and index.lower.value >= 1:
            return argv[index.lower.value:]
        return UNKNOWN
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and \
            len(node.args) == 1 and not node.keywords and _is_argv(node.args[0], module):
        return len(argv)
    if line and isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        from .python_argparse import value

        return value(module, node, line, argv)
    return UNKNOWN
