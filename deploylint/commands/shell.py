"""Shell text -> simple commands, with what runs in the background and where.

Parsed with tree-sitter-bash, which never raises: a broken command still yields a
tree, and its ERROR nodes become a DPL004 finding while the parsable part is analysed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Location
from ..repo import join
from . import Analysis, Call, Context, run_call

# statements that contain other statements
_CONTAINERS = {"program", "compound_statement", "subshell", "do_group", "else_clause",
               "elif_clause", "if_statement", "while_statement", "for_statement",
               "c_style_for_statement", "case_statement", "case_item", "function_definition", "list", "pipeline",
               "redirected_statement", "negated_command"}
_SKIP = {"comment", "heredoc_body", "heredoc_start", "heredoc_end", "test_command", "variable_assignment",
         "variable_assignments", "declaration_command", "unset_command", "file_redirect", "herestring_redirect",
         "heredoc_redirect"}


@dataclass
class _Walk:
    text_lines: list[str]
    origin: Location
    ctx: Context
    cwd: str
    result: Analysis


def analyse_shell(text: str, location: Location, ctx: Context) -> Analysis:
    from ..treesitter import first_error, parse

    tree = parse("bash", text)
    walk = _Walk(text.split("\n"), location, ctx, ctx.cwd, Analysis())
    error = first_error(tree.root_node)
    if error is not None:
        ctx.unresolved(_at(walk, error), "shell syntax error in start command; analysed the parts that parse",
                       "fix the quoting or syntax of the command")
    _statements(tree.root_node, walk, background=ctx.background)
    return walk.result


def _at(walk: _Walk, node) -> Location:
    """The Location of a tree-sitter node inside the analysed text."""
    line, column = _position(walk, node.start_point)
    end_line, end_column = _position(walk, node.end_point)
    return Location(walk.origin.path, line, column, end_line, end_column)


def _position(walk: _Walk, point) -> tuple[int, int]:
    row, byte_col = point
    line_text = walk.text_lines[row] if row < len(walk.text_lines) else ""
    col = len(line_text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
    base = max(walk.origin.column, 1) if row == 0 else 1
    return walk.origin.line + row, base + col


def _statements(node, walk: _Walk, background: bool) -> None:
    """Walk a container; a statement followed by `&` runs in the background."""
    children = node.children
    for i, child in enumerate(children):
        if not child.is_named or child.type in _SKIP:
            continue
        followed_by_amp = i + 1 < len(children) and children[i + 1].type == "&"
        _statement(child, walk, background or followed_by_amp)


def _statement(node, walk: _Walk, background: bool) -> None:
    kind = node.type
    if kind == "command":
        _command(node, walk, background)
    elif kind == "subshell":
        saved = walk.cwd  # `(cd x && y)` does not change the outer directory
        _statements(node, walk, background)
        walk.cwd = saved
    elif kind == "function_definition":
        return  # runs only when called; calling a shell function is rare in start commands
    elif kind in _CONTAINERS or node.type == "ERROR":
        _statements(node, walk, background)
    elif kind == "command_substitution":
        _statements(node, walk, False)


def _command(node, walk: _Walk, background: bool) -> None:
    env: dict[str, str] = {}
    words: list[tuple[str, object]] = []
    for child in node.children:
        if child.type == "variable_assignment":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            if name is not None:
                env[name.text.decode()] = _word(value, walk) if value is not None else ""
        elif child.type == "command_name":
            words.append((_word(child.children[0] if child.children else child, walk), child))
        elif child.is_named and child.type not in ("file_redirect", "herestring_redirect", "comment"):
            words.append((_word(child, walk), child))
        if child.type == "command_substitution" or any(c.type == "command_substitution" for c in child.children):
            _nested_substitutions(child, walk)
    if not words:
        return
    argv = tuple(w for w, _ in words)
    locations = tuple(_at(walk, n) for _, n in words)
    if argv[0] == "cd":
        _change_directory(argv, walk)
        return
    ctx = walk.ctx.deeper(cwd=walk.cwd, env={**walk.ctx.env, **env}) if walk.cwd != walk.ctx.cwd or env else walk.ctx
    start = locations[0]
    whole = _at(walk, node)
    if whole.end_line == start.line:  # the process spans its whole command, for carets
        start = Location(start.path, start.line, start.column, start.line, whole.end_column)
    call = Call(argv, start, background, env, locations)
    walk.result.add(run_call(call, ctx))


def _nested_substitutions(node, walk: _Walk) -> None:
    """`kill $(pgrep -f bot)` hides a command inside an argument: record its facts."""
    for child in node.children:
        if child.type == "command_substitution":
            inner = Analysis()
            saved, walk.result = walk.result, inner
            _statements(child, walk, False)
            walk.result = saved
            walk.result.facts.extend(inner.facts)
        elif child.child_count:
            _nested_substitutions(child, walk)


def _change_directory(argv: tuple[str, ...], walk: _Walk) -> None:
    target = argv[1] if len(argv) > 1 else ""
    if not target or target.startswith(("$", "~")) or target == "-":
        return
    if target.startswith("/"):
        return  # an absolute container path: keep the repo directory we know
    walk.cwd = join(walk.cwd, target)


def _word(node, walk: _Walk) -> str:
    """The value of a shell word, with quotes removed and known variables expanded."""
    kind = node.type
    text = node.text.decode("utf-8", errors="replace")
    if kind == "raw_string":
        return text[1:-1]
    if kind == "string":
        return "".join(_word(c, walk) if c.type not in ('"',) else "" for c in node.children)
    if kind == "string_content":
        return text
    if kind == "concatenation":
        return "".join(_word(c, walk) for c in node.children)
    if kind == "simple_expansion":
        name = text.lstrip("$")
        return walk.ctx.env.get(name, text)
    if kind == "expansion":
        match = re.fullmatch(r"\$\{(\w+)(?::?[-=](.*))?\}", text)
        if match:
            name, default = match.groups()
            if name in walk.ctx.env:
                return walk.ctx.env[name]
            if default is not None:
                return default
        return text
    if kind == "word":
        return re.sub(r"\\(.)", r"\1", text)
    return text
