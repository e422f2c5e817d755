"""Option flags a script sets from its own arguments.

    while [ -n "$1" ]; do
        case "$1" in --tgbot) TGBOT=1 ;; *) break ;; esac
        shift
    done
    if [ -n "$TGBOT" ]; then python bot.py; else exec vpn_run; fi

When the script's arguments are known (the start command names them), a variable that
the script assigns only in the arms of a `case` on its arguments is a flag of the
argument parser: it is empty unless one of those arms ran. Any other variable may come
from the environment and stays unknown, unless the launch's environment sets it.
"""
from __future__ import annotations

from ..patterns import lazy_re

_ARGUMENT = lazy_re(r'^"?\$\{?([1-9@*])\}?"?$')
MAX_NODES = 200_000  # a huge script: give up on flags rather than walk it twice


def option_flags(root) -> set[str]:
    """Names assigned only inside `case "$1" in` (or `$@`, `$*`, `$2`...) arms."""
    inside: set[str] = set()
    outside: set[str] = set()
    stack = [(root, False)]
    seen = 0
    while stack:
        node, in_arm = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            return set()
        if node.type == "variable_assignment":
            name = node.child_by_field_name("name")
            if name is not None:
                (inside if in_arm else outside).add(name.text.decode("utf-8", errors="replace"))
            continue
        arm = in_arm
        if node.type == "case_statement":
            value = node.child_by_field_name("value")
            arm = in_arm or (value is not None and bool(_ARGUMENT.match(value.text.decode("utf-8", errors="replace"))))
        for child in node.children:
            stack.append((child, arm))
    return inside - outside
