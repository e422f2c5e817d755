"""Shell words and tests: a word's value (quotes removed, known variables and the
script's arguments expanded) and `[ ... ]` / `test` conditions decided when the values
are known. Used by `shell.py`; `walk` is its `_Walk` (reads `walk.ctx.env` and
`walk.positional`).
"""
from __future__ import annotations

import fnmatch
import re
from ..patterns import lazy_re
from ..record import replace

_TEST_PROGRAMS = {"[", "[[", "test"}


def _is_test(node) -> bool:
    """`[ ... ]`, `test ...`, `! [ ... ]` (negations walked in a loop, not recursively)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if node.type == "test_command":
            return True
        if node.type == "negated_command":
            stack.extend(c for c in node.children if c.is_named)
        elif node.type == "command":
            name = node.child_by_field_name("name")
            if name is not None and name.text.decode("utf-8", errors="replace") in _TEST_PROGRAMS:
                return True
    return False


def _known(node, walk) -> str | None:
    """A word's value when every part of it is known statically (a variable the launch's
    closed environment does not set is empty: `unset_here`)."""
    value = _word(node, walk, tested=True)
    return None if "$" in value or "`" in value else value


# variables the shell itself sets, or that a base image's ENV may set: never taken as unset
_SHELL_SET = frozenset({"HOME", "PATH", "PWD", "OLDPWD", "HOSTNAME", "RANDOM", "UID", "EUID", "USER", "SHELL", "PPID",
                        "SECONDS", "LINENO", "BASH_SOURCE", "BASH_VERSION", "OSTYPE", "HOSTTYPE", "IFS", "TERM",
                        "LANG", "LC_ALL", "REPLY", "OPTARG", "OPTIND", "BASHPID", "SHLVL", "GPG_KEY"})
_ASSIGNED = lazy_re(r"(?:^|[\s;&|(])(?:(?:export|local|declare|typeset|readonly)\s+(?:-\w+\s+)*)?"
                    r"([A-Za-z_]\w{0,63})(?:\[[^\]]{0,64}\])?\+?=")
_READ = lazy_re(r"(?:^|[\s;&|(])(?:read|mapfile|readarray)[ \t]+((?:-\S+[ \t]+)*[\w \t]{1,200})")
_BOUND = lazy_re(r"(?:^|[\s;&|(])(?:for|select)\s+([A-Za-z_]\w{0,63})|getopts\s+\S+\s+([A-Za-z_]\w{0,63})")
_OPENS_ALL = lazy_re(r"(?:^|[\s;&|(])(?:eval|export\s+\$|set\s+-a|set\s+-o\s+allexport|declare\s+-x\s+\$)")


def assigned_names(text: str) -> set[str] | None:
    """Every variable name `text` (a script) may give a value: assignments, `read`, loop
    and `getopts` variables; None when it may set names that cannot be read from the text
    (`eval`, `export $(...)`, `set -a` before a `source`). Read once per script, linear."""
    if _OPENS_ALL.search(text):
        return None
    names = {m.group(1) for m in _ASSIGNED.finditer(text)}
    for match in _READ.finditer(text):
        names.update(w for w in match.group(1).split() if not w.startswith("-") and w.isidentifier())
    for match in _BOUND.finditer(text):
        names.add(match.group(1) or match.group(2))
    return names


def unset_here(name: str, walk) -> bool:
    """A variable the launch's closed environment does not set and the script never
    assigns: empty when tested (`[ "$RUN_BEAT" = 1 ]` in a compose service that sets only
    RUN_WORKER)."""
    opened = getattr(walk, "opened", None)
    return opened is not None and name not in opened and name not in walk.ctx.env and name not in _SHELL_SET \
        and (name[:1].isalpha() or name[:1] == "_") and not name.endswith("_VERSION")


def _evaluate(nodes, walk) -> bool | None:
    """`[ "$ROLE" = bot ]`, `[[ -n $WEBHOOK_URL ]]`, `test "$1" != web` when the values are
    known (the launch's environment, assignments, the script's arguments); None otherwise."""
    named = [n for n in nodes if n.is_named and n.type != "comment"]
    if len(named) != 1:
        return None
    node = named[0]
    if node.type == "list":  # `[ "$A" = 1 ] || [ "$B" = 1 ]`
        return _chain(node, walk)
    if node.type == "test_command":
        inner = [c for c in node.children if c.is_named]
        return _expression(inner[0], walk, node.text.startswith(b"[[")) if len(inner) == 1 else None
    if node.type == "command" and _is_test(node):
        words = [c for c in node.children if c.is_named and c.type != "command_name"]
        values = [_known(w, walk) for w in words]
        if values and values[-1] == "]":  # `[` written as a command
            values.pop()
        if len(values) == 3 and values[1] in ("=", "==", "!=") and None not in (values[0], values[2]):
            return (values[0] == values[2]) == (values[1] != "!=")
        if len(values) == 2 and values[0] in ("-n", "-z") and values[1] is not None:  # `test -n "$X"`
            return bool(values[1]) == (values[0] == "-n")
        if len(values) == 1 and values[0] is not None:  # `test "$X"`: not empty
            return bool(values[0])
    return None


def _chain(node, walk) -> bool | None:
    """`a && b || c` of tests, left to right (three-valued: None when it depends on a value
    only known at run time); a chain of any length is one loop."""
    from .shell import _flatten

    value: bool | None = None
    for index, (op, item) in enumerate(_flatten(node)):
        item_value = _evaluate([item], walk) if item.type != "list" else None
        value = item_value if index == 0 else _combine(value, op, item_value)
    return value


def _combine(left: bool | None, op: str | None, right: bool | None) -> bool | None:
    if op == "&&":
        return False if False in (left, right) else True if left and right else None
    if op == "||":
        return True if True in (left, right) else False if left is False and right is False else None
    return None


def _expression(node, walk, extended: bool) -> bool | None:
    negated = False
    children = [c for c in node.children if c.type != "comment"]
    while node.type == "unary_expression" and len(children) == 2 and children[0].type == "!":
        negated, node = not negated, children[1]  # `! ! x`: a loop, however many
        children = [c for c in node.children if c.type != "comment"]
    value = _decide(node, children, walk, extended)
    return None if value is None else value != negated


def _decide(node, children, walk, extended: bool) -> bool | None:
    if node.type in ("word", "string", "raw_string", "simple_expansion", "expansion", "concatenation"):
        operand = _known(node, walk)  # `[ "$RUN_BOT" ]`: true when not empty
        return None if operand is None else bool(operand)
    if node.type == "unary_expression" and children:
        if children[0].type == "test_operator" and len(children) == 2:
            operator, operand = children[0].text.decode(), _known(children[1], walk)
            if operator == "-v":  # `[[ -v BOT_TOKEN ]]`: the variable is set
                name = children[1].text.decode("utf-8", errors="replace")
                return True if name in walk.ctx.env else False if unset_here(name, walk) else None
            if operand is not None and operator in ("-n", "-z"):
                return bool(operand) == (operator == "-n")
        return None
    if node.type == "binary_expression" and len(children) == 3:
        operator = children[1].text.decode("utf-8", errors="replace")
        left, right = _known(children[0], walk), _known(children[2], walk)
        if operator not in ("=", "==", "!=") or left is None or right is None:
            return None
        same = fnmatch.fnmatchcase(left, right) if extended and children[2].type != "string" else left == right
        return same == (operator != "!=")
    return None


_ARRAY = lazy_re(r'"?\$\{(\w{1,64})\[[@*]\]\}"?')


def _all_arguments(node, walk) -> list[str] | None:
    """`"$@"` / `$@` when the script's arguments are known: one word per argument;
    `"${cmd[@]}"` when the array `cmd` is known (shell_values.py)."""
    text = node.text.decode("utf-8", errors="replace")
    arrays = getattr(walk, "arrays", None)
    if arrays and "[" in text and len(text) < 80:
        match = _ARRAY.fullmatch(text)
        if match and match.group(1) in arrays:
            words = arrays[match.group(1)]
            return [" ".join(words)] if text.startswith('"') and "[*]" in text else list(words)
    if walk.positional is None:
        return None
    return list(walk.positional) if text in ('"$@"', "$@", '"${@}"', "${@}") else None


def _default_assignment(node, walk) -> None:
    text = node.text.decode("utf-8", errors="replace").strip('"')
    match = re.fullmatch(r"\$\{(\w+):?=([^$`]*)\}", text)
    if match and match.group(1) not in walk.ctx.env:
        walk.ctx = replace(walk.ctx, env={**walk.ctx.env, match.group(1): match.group(2)})


def _positional(name: str, walk) -> str | None:
    args = walk.positional
    if args is None:
        return None
    if name.isdigit() and name.isascii() and name != "0":
        index = int(name[:6]) - 1  # `$9`, `${10}`: never thousands of digits in a real script
        return args[index] if 0 <= index < len(args) else ""
    if name in ("@", "*"):
        return " ".join(args)
    if name == "#":
        return str(len(args))
    return None


def _word(node, walk, tested: bool = False) -> str:
    """The value of a shell word, with quotes removed and known variables expanded (when
    `tested`, a variable the closed environment leaves unset is empty: `unset_here`)."""
    kind = node.type
    text = node.text.decode("utf-8", errors="replace")
    if kind == "raw_string":
        return text[1:-1]
    if kind in ("string", "concatenation"):
        parts = []
        for child in node.children:
            if child.type == '"':
                continue
            if child.type in ("string", "concatenation"):  # never deeper than this
                parts.append(child.text.decode("utf-8", errors="replace").strip('"'))
            else:
                parts.append(_word(child, walk, tested))
        return "".join(parts)
    if kind == "string_content":
        return text
    if kind == "simple_expansion":
        name = text.lstrip("$")
        known = _positional(name, walk)
        if known is None and tested and unset_here(name, walk):
            return ""
        return known if known is not None else walk.ctx.env.get(name, text)
    if kind == "expansion":
        element = re.fullmatch(r"\$\{(\w{1,64})\[(\d{1,4})\]\}", text)  # `${cmd[0]}`
        arrays = getattr(walk, "arrays", None)
        if element and arrays and element.group(1) in arrays:
            words, index = arrays[element.group(1)], int(element.group(2))
            return words[index] if index < len(words) else ""
        match = re.fullmatch(r"\$\{(\w+|[@*#])(?::?[-=](.*))?\}", text)
        if match:
            name, default = match.groups()
            known = _positional(name, walk)
            if known is not None and (known or default is None):
                return known
            if name in walk.ctx.env:
                return walk.ctx.env[name]
            if default is not None:
                return default
            if tested and unset_here(name, walk):
                return ""
        return text
    if kind == "word":
        return re.sub(r"\\(.)", r"\1", text)
    return text


def _split(node, walk) -> list[str]:
    """A word's value; an unquoted `$VAR` whose known value has blanks is several words
    (`PIP=".venv/bin/pip -q"; $PIP install`, `CMD="python bot.py"; exec $CMD`)."""
    value = _word(node, walk)
    if node.type in ("simple_expansion", "expansion") and value != node.text.decode("utf-8", errors="replace") \
            and any(c.isspace() for c in value):
        return value.split() or [""]
    return [value]
