"""Environment branches in Go: `if os.Getenv("WEBHOOK_URL") != "" { webhook } else { poll }`.

A bot start inside one branch of an `if` runs only when the condition comes out that way.
When the condition reads one environment variable, the Evidence gets `env_test` (NAME, op,
value, runs_when), as the JavaScript reader gives it, so a configured environment decides
(code/__init__._by_environment). A poller and a webhook on the two sides of one `if` are
alternatives: the poller is the webhook's fallback ("polling-fallback", DPL108's shape 1).
The chain of call sites from `main()` is searched innermost first.
"""
from __future__ import annotations

import re

from ..patterns import lazy_re

_GETENV = r"os\.(?:Getenv|LookupEnv)\(\s*\"([A-Za-z_][A-Za-z0-9_]*)\"\s*\)"
_DIRECT = lazy_re(r"^!?\s*" + _GETENV + r"\s*(==|!=)\s*\"([^\"\\]*)\"$", needs=("os.",))
_BY_NAME = lazy_re(r"^(!?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(==|!=)\s*\"([^\"\\]*)\"$", needs=("=",))
_BOOL_NAME = lazy_re(r"^(!?)\s*([A-Za-z_][A-Za-z0-9_]*)$")
_STOP = frozenset({"function_declaration", "method_declaration", "func_literal", "source_file"})
MAX_UP = 200  # ancestors looked at per node


def guard(nodes) -> tuple | None:
    """(if_statement node, side taken (True: its block), env test or ()) of the innermost
    `if` around the first of `nodes` (the hit, then each call site outwards) that is in one;
    None when none is."""
    for node in nodes:
        child, current = node, node.parent
        for _ in range(MAX_UP):
            if current is None or current.type in _STOP:
                break
            if current.type == "if_statement":
                side = None
                if child == current.child_by_field_name("consequence"):
                    side = True
                elif child == current.child_by_field_name("alternative"):
                    side = False
                if side is not None:
                    test = _test(current)
                    return current, side, ((*test[:3], test[3] == side) if test else ())
            child, current = current, current.parent
    return None


def describes_webhook(if_node) -> bool:
    """The condition names a webhook (`cfg.WebhookURL != ""`, `mode == "webhook"`)."""
    from ..treesitter import node_text

    condition = if_node.child_by_field_name("condition")
    return condition is not None and "webhook" in node_text(condition)[:300].lower()


def _test(if_node) -> tuple | None:
    """(NAME, op, value, polarity) for an `if` condition that reads one environment variable:
    `os.Getenv("X") != ""` -> ("X", "truthy", "", True); `v == "webhook"` where `v :=
    os.Getenv("MODE")` in the if's initialiser or earlier in the function."""
    from ..treesitter import node_text

    condition = if_node.child_by_field_name("condition")
    if condition is None:
        return None
    text = " ".join(node_text(condition)[:300].split())
    direct = _DIRECT.match(text)
    if direct:
        name, op, value = direct.groups()
        return _shape(name, op, value)
    by_name = _BY_NAME.match(text)
    if by_name:
        _, variable, op, value = by_name.groups()
        name = _env_variable(if_node, variable)
        return _shape(name, op, value) if name else None
    return None


def _shape(name: str, op: str, value: str) -> tuple:
    if value == "":
        return (name, "truthy", "", op == "!=")
    return (name, "==", value, op == "==")


def _env_variable(if_node, variable: str) -> str:
    """The environment variable `variable` was read from: the if's own initialiser
    (`if v := os.Getenv("X"); v != ""`), else an assignment earlier in the function."""
    from ..treesitter import node_text

    pattern = re.compile(r"\b" + re.escape(variable) + r"\s*:?=\s*" + _GETENV)
    init = if_node.child_by_field_name("initializer")
    if init is not None:
        found = pattern.search(node_text(init)[:500])
        if found:
            return found.group(1)
    current = if_node.parent
    for _ in range(MAX_UP):
        if current is None or current.type in _STOP:
            break
        current = current.parent
    if current is None:
        return ""
    body = node_text(current)[:20000]
    found = pattern.search(body)
    return found.group(1) if found else ""
