"""argparse sub-commands, rebuilt from literals: `python manage.py bot` runs the `bot`
sub-command only.

A CLI names its commands with `sub = parser.add_subparsers(dest="command")`,
`p = sub.add_parser("bot")`, then dispatches either on the destination
(`if args.command == "bot":`, python_argparse.value) or on a default the sub-parser sets
(`p.set_defaults(func=run_bot)` ... `args.func(args)`). The walk follows every function handed
to `set_defaults` (a callable argument runs); `selected` tells which of them the process's
command line picks, so a `list` command that imports every bot is not counted in
`python manage.py bot`.

Rebuilt only when every use of the parser, the sub-parser group and each sub-parser in the
statements that build them is one of the forms below, with literal arguments (python_argparse
adds each option); a non-literal default of `set_defaults` (`func=run_bot`, a lambda) becomes a
marker naming that call. Anything else (nested groups, `parents=`, a helper adding options)
leaves the command undecided, and everything is kept, as before. Nothing is executed:
argparse only ever sees literals.
"""
from __future__ import annotations

import ast

MAX_COMMANDS = 64
_GROUP_KEYWORDS = frozenset({"dest", "title", "description", "help", "metavar", "required"})
_COMMAND_KEYWORDS = frozenset({"help", "description", "aliases", "epilog", "usage", "formatter_class", "add_help",
                               "allow_abbrev"})
_HARMLESS = frozenset({"print_help", "print_usage", "format_help", "format_usage", "error", "exit"})


class Ref:
    """A `set_defaults` value that is not a literal (a function): which call set it."""

    __slots__ = ("line", "column", "keyword", "command")

    def __init__(self, line: int, column: int, keyword: str, command: bool = True):
        self.line, self.column, self.keyword = line, column, keyword
        self.command = command  # set by a sub-command's parser (not the main one)

    def __eq__(self, other) -> bool:
        return isinstance(other, Ref) and (self.line, self.column, self.keyword) == \
            (other.line, other.column, other.keyword)

    def __hash__(self) -> int:
        return hash((self.line, self.column, self.keyword))


def uses_subparsers(body: list[ast.stmt], parser: str) -> bool:
    """Does the block give the parser sub-commands or defaults (the forms `build` reads)?"""
    return any(isinstance(n, ast.Attribute) and n.attr in ("add_subparsers", "set_defaults")
               for stmt in body for n in _walk(stmt))


def build(module, body: list[ast.stmt], parser: str, add) -> object | None:
    """The argparse parser the block builds under the name `parser`, or None when a use of it
    (or of its sub-parsers) is not plain. `add(parser, call)` adds one `add_argument` call
    (python_argparse's reading of its literals) and returns False when it cannot."""
    import argparse

    made = [s.value for s in body if isinstance(s, ast.Assign) and _assigns(s, parser)]
    if len(made) != 1 or not isinstance(made[0], ast.Call) or \
            module.qualified(made[0].func) != "argparse.ArgumentParser":
        return None
    settings = _parser_settings(made[0])
    if settings is None:
        return None
    root = argparse.ArgumentParser(prog="x", exit_on_error=False, **settings)
    parsers = {parser: root}  # name -> parser or sub-parser
    groups: dict[str, object] = {}  # name -> the action add_subparsers returned
    handled: set[int] = set()  # ids of the Name nodes of the forms read
    commands = 0
    for stmt in body:
        if isinstance(stmt, ast.Assign) and _assigns(stmt, parser):
            handled.add(id(next(t for t in stmt.targets if isinstance(t, ast.Name) and t.id == parser)))
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and \
                    target.value.id in groups and target.attr == "required":  # `sub.required = True`
                flag = _literal(stmt.value)
                if not isinstance(flag, bool):
                    return None
                groups[target.value.id].required = flag  # type: ignore[attr-defined]
                handled.add(id(target.value))
                continue
            if isinstance(target, ast.Name) and isinstance(stmt.value, ast.Call):
                made_here = _method(stmt.value, parsers, groups)
                if made_here is None:
                    continue
                owner, method, node = made_here
                if method in ("parse_args", "parse_known_args"):
                    continue  # `args = parser.parse_args()`
                if method == "add_subparsers" and owner in parsers and target.id not in parsers:
                    group = _group(parsers[owner], stmt.value)
                    if group is None or owner != parser or groups:
                        return None  # nested groups: not followed
                    groups[target.id] = group
                elif method == "add_parser" and owner in groups and target.id not in groups:
                    commands += 1
                    made_parser = _command(groups[owner], stmt.value)
                    if made_parser is None or commands > MAX_COMMANDS:
                        return None
                    parsers[target.id] = made_parser
                else:
                    return None
                handled.update((id(node), id(target)))
                continue
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call):
            found = _method(call, parsers, groups)
            if found is not None:
                owner, method, node = found
                if method == "add_parser" and owner in groups:  # `sub.add_parser("web")`, not kept
                    commands += 1
                    if _command(groups[owner], call) is None or commands > MAX_COMMANDS:
                        return None
                elif not _apply(parsers, groups, owner, method, call, add, parser):
                    return None
                handled.add(id(node))
                continue
            chained = _chained(call, groups)  # `sub.add_parser("bot").set_defaults(func=run)`
            if chained is not None:
                owner, inner, node = chained
                commands += 1
                made_parser = _command(groups[owner], inner)
                if made_parser is None or commands > MAX_COMMANDS or \
                        not _apply({"": made_parser}, {}, "", call.func.attr, call, add, parser):  # type: ignore[attr-defined]
                    return None
                handled.add(id(node))
                continue
    names = set(parsers) | set(groups)
    for stmt in body:  # every other use of the names: only the harmless ones (`parser.print_help()`)
        for node in _walk(stmt):
            if isinstance(node, ast.Name) and node.id in names and id(node) not in handled and \
                    not _harmless(stmt, node):
                return None
    return root


def selected(module, call: ast.Call, argv: tuple[str, ...], add, partial: bool = False) -> bool | None:
    """Is the function `call` (a `p.set_defaults(func=f)`) hands over the one the command
    line picks? False when the parsed namespace holds another call's function (or none: no
    sub-command given), None when the parser is not plain or the command line fails to parse.
    With `partial` (`argv` is the leading words only), it is False only when those words
    already name another sub-command."""
    from .python_argparse import _scopes

    keywords = [k.arg for k in call.keywords if k.arg and not _is_literal(k.value)]
    if not keywords or "parse_args()" not in module.text:
        return None
    for body in _scopes(module.tree, call.lineno):
        roots = [s for s in body if isinstance(s, ast.Assign) and len(s.targets) == 1 and
                 isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Call) and
                 module.qualified(s.value.func) == "argparse.ArgumentParser"]
        if len(roots) != 1:
            continue
        parser = build(module, body, roots[0].targets[0].id, add)  # type: ignore[attr-defined]
        namespace = parse(parser, argv) if parser is not None else None
        if namespace is None:
            return None
        mine = [Ref(call.lineno, call.col_offset, k) for k in keywords]
        if any(namespace.get(ref.keyword) == ref for ref in mine):
            return True
        if partial and not any(isinstance(namespace.get(ref.keyword), Ref) and namespace[ref.keyword].command
                               for ref in mine):
            return None  # the words that would name the sub-command are not known
        return False
    return None


def parse(parser, argv: tuple[str, ...]) -> dict | None:
    from .python_argparse import parse_known

    return parse_known(parser, argv)


def _apply(parsers: dict, groups: dict, owner: str, method: str, call: ast.Call, add, root: str = "") -> bool:
    if owner not in parsers:
        return False
    if method == "add_argument":
        return add(parsers[owner], call)
    if method == "set_defaults":
        if call.args:
            return False
        values = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                return False
            literal = _literal(keyword.value)
            values[keyword.arg] = literal if literal is not _UNSET else \
                Ref(call.lineno, call.col_offset, keyword.arg, command=owner != root)
        parsers[owner].set_defaults(**values)
        return True
    return method in _HARMLESS


def _method(call: ast.Call, parsers: dict, groups: dict) -> tuple[str, str, ast.Name] | None:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
            (func.value.id in parsers or func.value.id in groups):
        return func.value.id, func.attr, func.value
    return None


def _chained(call: ast.Call, groups: dict) -> tuple[str, ast.Call, ast.Name] | None:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ("set_defaults", "add_argument") and \
            isinstance(func.value, ast.Call):
        inner = func.value
        found = _method(inner, {}, groups)
        if found is not None and found[1] == "add_parser":
            return found[0], inner, found[2]
    return None


def _group(parser, call: ast.Call):
    kwargs = {}
    if call.args:
        return None
    for keyword in call.keywords:
        if keyword.arg not in _GROUP_KEYWORDS:
            return None  # parser_class, action...
        if keyword.arg in ("dest", "required"):
            literal = _literal(keyword.value)
            if not isinstance(literal, str if keyword.arg == "dest" else bool):
                return None
            kwargs[keyword.arg] = literal
    try:
        return parser.add_subparsers(**kwargs)
    except Exception:  # noqa: BLE001 - argparse refuses (a second group...)
        return None


def _command(group, call: ast.Call):
    name = _literal(call.args[0]) if len(call.args) == 1 else _UNSET
    if not isinstance(name, str) or not name:
        return None
    kwargs: dict = {}
    for keyword in call.keywords:
        if keyword.arg not in _COMMAND_KEYWORDS:
            return None  # parents=, prefix_chars...
        if keyword.arg == "aliases":
            aliases = _literal(keyword.value)
            if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) and a for a in aliases):
                return None
            kwargs["aliases"] = list(aliases)[:16]
        elif keyword.arg in ("add_help", "allow_abbrev"):
            flag = _literal(keyword.value)
            if not isinstance(flag, bool):
                return None
            kwargs[keyword.arg] = flag
    try:
        return group.add_parser(name, exit_on_error=False, **kwargs)
    except Exception:  # noqa: BLE001 - a command named twice...
        return None


def _parser_settings(made: ast.Call) -> dict | None:
    from .python_argparse import _PARSER_KEYWORDS

    settings: dict = {}
    for keyword in made.keywords:
        if keyword.arg not in _PARSER_KEYWORDS:
            return None
        if keyword.arg in ("add_help", "allow_abbrev"):
            flag = _literal(keyword.value)
            if not isinstance(flag, bool):
                return None
            settings[keyword.arg] = flag
    return settings


def _harmless(stmt: ast.stmt, node: ast.Name) -> bool:
    """`parser.print_help()` / `parser.error(...)` / `return parser`: a use that changes nothing parsed."""
    if isinstance(stmt, ast.Return) and stmt.value is node:
        return True
    for parent in _walk(stmt):
        if isinstance(parent, ast.Attribute) and parent.value is node:
            return parent.attr in _HARMLESS or parent.attr in ("parse_args", "parse_known_args")
    return False


def _assigns(stmt: ast.Assign, name: str) -> bool:
    return any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)


_UNSET = object()


def _literal(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except Exception:  # noqa: BLE001 - anything not a plain literal
        return _UNSET


def _is_literal(node: ast.AST) -> bool:
    return _literal(node) is not _UNSET


def _walk(node: ast.AST):
    try:
        yield from ast.walk(node)
    except RecursionError:
        return
