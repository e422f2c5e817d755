"""Whether a module that logs a discord.js client in runs as a shard of a manager.

A module that names `ShardingManager` (or discord-hybrid-sharding's `ClusterClient`) is
usually a shard script or the manager beside it: its shards log in, each with its own
share of guilds, so its `client.login()` is not a second gateway copy. Two mentions do not
make a module sharded: words in a string or a comment, a type check (`token instanceof Discord.ShardingManager`) and a
fallback that builds a manager only when the plain login fails (`.catch(err => new
ShardingManager(...))`, a `catch` clause): on its normal path such a module connects one
unsharded client, which every copy of the process repeats.

A client can also be told which shard it is (`manual_shard`): discord.js `shards`/`shardId`
options read from the environment or a config, one launch per shard (a Deployment each).
Those launches are shards of one bot; DPL101 does not count them as copies (checks/common.
same_bot_in), while replicas of one launch, and deploy overlaps, still clash.
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


# -- manual sharding: a client told which shard it is ------------------------------------------
SHARD_KEYS = frozenset({"shards", "shardId", "shardID", "shardCount"})
MAX_NEWS = 400  # `new` nodes of a program looked at for a client made elsewhere (a DI container)


def manual_shard(program, instance) -> bool:
    """The discord.js client `instance` ((module, `new Client(options)`) or a container's
    instance without its `new`) gets its shard from options whose value is not a literal
    (`shardId: config.ShardId`, `shards: Number(process.env.SHARD)`): each launch that sets
    it differently is another shard of one bot (rollem-style: one Deployment per shard), not a
    copy. A literal (`shards: 'auto'`, `shards: [0, 1]`) is the same in every copy: not this."""
    made = instance[1] if isinstance(instance, tuple) and len(instance) == 2 else None
    if made is not None and getattr(made, "type", "") == "new_expression":
        return _told_shard(program, instance[0], made)
    key = ("js-manual-shard",)
    cache = getattr(program, "_manual_shards", None)
    if cache is None:
        cache = {}
        setattr(program, "_manual_shards", cache)
    if key not in cache:  # a client a container hands out: the program's own `new Client(...)`
        cache[key] = any(_told_shard(program, unit.module, node) for unit, node in _news(program))
    return cache[key]


def _news(program):
    count = 0
    for unit, node in program.calls:
        if node.type == "new_expression":
            count += 1
            if count > MAX_NEWS:
                return
            yield unit, node


def _told_shard(program, module, made) -> bool:
    from .js_bots import library_of
    from .js_expr import arguments

    if library_of(module, made, program) != "discord":
        return False
    args = arguments(made)
    return _names_shard(program, module, args[0], 0) if args else False


def _names_shard(program, module, node, depth: int) -> bool:
    """An options expression with a shard key whose value is not a literal: an object, either
    branch of a `?:`, or an object spread into it (`{ intents, ...shardOptions }`)."""
    from .js_values import entries, resolve

    if node is None or depth > 3:
        return False
    found = resolve(program, module, node)
    owner, node = (found[0], found[1]) if found is not None and found[1] is not None else (module, node)
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node is None:
        return False
    if node.type == "ternary_expression":
        return any(_names_shard(program, owner, node.child_by_field_name(side), depth + 1)
                   for side in ("consequence", "alternative"))
    if node.type != "object":
        return False
    for name, value in entries(node).items():
        if name in SHARD_KEYS and value is not None and value.type not in LITERALS:
            return True
    return any(_names_shard(program, owner, child.named_children[0], depth + 1)
               for child in node.named_children[:50] if child.type == "spread_element" and child.named_children)


LITERALS = ("number", "string", "array", "true", "false", "null", "undefined", "template_string")
