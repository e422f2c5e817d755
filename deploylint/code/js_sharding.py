"""Whether a module that logs a discord.js client in runs as a shard of a manager.

A module that names `ShardingManager` (or discord-hybrid-sharding's `ClusterClient`) is
usually a shard script or the manager beside it: its shards log in, each with its own
share of guilds, so its `client.login()` is not a second gateway copy. Two mentions do not
make a module sharded: words in a string or a comment, a type check (`token instanceof Discord.ShardingManager`) and a
fallback that builds a manager only when the plain login fails (`.catch(err => new
ShardingManager(...))`, a `catch` clause): on its normal path such a module connects one
unsharded client, which every copy of the process repeats.
"""
from __future__ import annotations

import re

WORDS = rb"\b(?:ShardingManager|ClusterClient)\b"
MAX_MENTIONS = 20  # a module naming the manager more often is taken as sharded
MAX_DEPTH = 40  # ancestors read per mention
FUNCTIONS = ("arrow_function", "function_expression", "function")
TEXT = ("string_fragment", "string", "template_string", "comment", "escape_sequence")


def sharded(module) -> bool:
    """True when `module` names the manager outside type checks and failure fallbacks."""
    key = ("js-sharded",)
    found = module._words.get(key)
    if found is None:
        found = module._words[key] = _sharded(module)
    return found


def _sharded(module) -> bool:
    if not (module.mentions(b"ShardingManager") or module.mentions(b"ClusterClient")):
        return False
    for count, match in enumerate(re.finditer(WORDS, module.source)):
        if count >= MAX_MENTIONS:
            return True
        node = module.root.descendant_for_byte_range(match.start(), match.end())
        if node is None or not _aside(node):
            return True
    return False


def _aside(node) -> bool:
    """The mention is text (a string, a comment), an `instanceof` operand, or sits in a
    failure path."""
    if node.type in TEXT:
        return True
    current, depth = node, 0
    while current is not None and depth < MAX_DEPTH:
        parent = current.parent
        if parent is None:
            return False
        if parent.type == "binary_expression" and _operator(parent) == "instanceof":
            return True
        if parent.type == "catch_clause" or (current.type in FUNCTIONS and _catch_argument(parent)):
            return True
        current, depth = parent, depth + 1
    return False


def _operator(node) -> str:
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else ""


def _catch_argument(arguments) -> bool:
    """`arguments` is the argument list of a `.catch(...)` call."""
    if arguments.type != "arguments" or arguments.parent is None or arguments.parent.type != "call_expression":
        return False
    function = arguments.parent.child_by_field_name("function")
    prop = function.child_by_field_name("property") if function is not None and function.type == "member_expression" else None
    return prop is not None and prop.text == b"catch"
