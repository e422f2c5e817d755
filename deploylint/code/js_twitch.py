"""Twitch chat connections in JavaScript: tmi.js and Twurple's chat client.

A tmi.js client logs in to Twitch chat (IRC over WebSocket) as one account and joins its
channels; every connection of that account gets every chat message of those channels.
Twitch accepts a second connection of the same account without complaint, so two copies
of a bot each see each command and each answer it: "If multiple clients are in the same
chat and has the same 'chat' callback, you are guaranteed to get doubles" (tmi.js
maintainer, https://github.com/tmijs/tmi.js/issues/128; doubled replies from a doubled
TMI connection: https://github.com/sogebot/sogeBot/issues/3765). Like a Discord gateway
session, then, it must run once per account.
  - `new tmi.Client({ identity: { username, password }, channels })` + `client.connect()`;
    `tmi.client(opts)` without `new` makes the same client.
  - Twurple: `new ChatClient({ authProvider, channels })` + `chat.connect()` (the same IRC
    connection, https://twurple.js.org/docs/getting-data/chat/listening-to-chat.html).
  - @twurple/easy-bot: `new Bot({ authProvider, channel | channels, commands })` makes a
    ChatClient and calls its `connect()` in the constructor: no call of its own.
An anonymous client (no `identity`) only reads chat; it is still one connection per copy,
and what it does with each message runs once per copy, so it counts the same.
"""
from __future__ import annotations

from .js_expr import arguments, env_name
from .js_module import name_of, strip
from . import js_values
from .js_reach import Program, short

LABELS = {"tmi": "tmi.js", "twurple": "@twurple/chat", "twurple-bot": "@twurple/easy-bot"}


def chat_connection(program: Program, library: str, instance, node, callee_node) -> list:
    """The hit for `client.connect()` on a Twitch chat client (`instance`: its (module, node))."""
    from .js_bots import Hit

    label = LABELS[library]
    token = _identity_env(program, instance) if library == "tmi" else ""
    return [Hit("gateway", f"Twitch chat ({label})", "twitch", node,
                f"`{short(callee_node)}()` connects to Twitch chat ({label})", token)]


def easy_bot(program: Program, module, node) -> list:
    """The hit for `new Bot({...})` of @twurple/easy-bot: it connects when constructed."""
    from .js_bots import Hit

    label = LABELS["twurple-bot"]
    return [Hit("gateway", f"Twitch chat ({label})", "twitch", node,
                f"`new {short(node.child_by_field_name('constructor'))}()` connects to Twitch chat ({label})",
                _identity_env(program, (module, node)))]


def _identity_env(program: Program, instance) -> str:
    """The environment variable that tells two connections apart: the one `channels` reads
    (`[process.env.CHANNEL]`, `process.env.CHANNELS.split(',')`: copies in different
    channels answer different chats), else the one `identity.password` reads (the
    account's OAuth token); "" when neither is read from the environment."""
    if instance is None:
        return ""
    owner, made = instance
    args = arguments(made) if made is not None else []
    options = js_values.resolve(program, owner, args[0]) if args else None
    if options is None or options[1] is None:
        return ""
    channels = js_values.entry(program, options, "channel") or js_values.entry(program, options, "channels")
    if channels is not None and channels[1] is not None:
        node = _unsplit(channels[1])
        items = [c for c in node.named_children if c.type != "comment"] if node.type == "array" else [node]
        names = {env_name(channels[0], item) for item in items[:20]}
        if len(names) == 1 and "" not in names:
            return names.pop()
    identity = js_values.entry(program, options, "identity")
    password = js_values.entry(program, identity, "password") if identity is not None and identity[1] is not None else None
    return env_name(password[0], password[1]) if password is not None and password[1] is not None else ""


def _unsplit(node):
    """`process.env.CHANNELS` of `process.env.CHANNELS.split(',')` (also `?.split`), else `node`."""
    function = node.child_by_field_name("function") if node.type == "call_expression" else None
    if function is not None and function.type == "member_expression" and name_of(function.child_by_field_name("property")) == "split":
        return strip(function.child_by_field_name("object")) or node
    return node
