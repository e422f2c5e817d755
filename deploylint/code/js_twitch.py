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
An anonymous client (no `identity`) only reads chat; it is still one connection per copy,
and what it does with each message runs once per copy, so it counts the same.
"""
from __future__ import annotations

from .js_expr import arguments, env_name
from . import js_values
from .js_reach import Program, short

LABELS = {"tmi": "tmi.js", "twurple": "@twurple/chat"}


def chat_connection(program: Program, library: str, instance, node, callee_node) -> list:
    """The hit for `client.connect()` on a Twitch chat client (`instance`: its (module, node))."""
    from .js_bots import Hit

    label = LABELS[library]
    token = _password_env(program, instance) if library == "tmi" else ""
    return [Hit("gateway", f"Twitch chat ({label})", "twitch", node,
                f"`{short(callee_node)}()` connects to Twitch chat ({label})", token)]


def _password_env(program: Program, instance) -> str:
    """The environment variable `identity.password` reads (the account's OAuth token), or ""."""
    if instance is None:
        return ""
    owner, made = instance
    args = arguments(made) if made is not None else []
    options = js_values.resolve(program, owner, args[0]) if args else None
    if options is None or options[1] is None:
        return ""
    identity = js_values.entry(program, options, "identity")
    password = js_values.entry(program, identity, "password") if identity is not None and identity[1] is not None else None
    return env_name(password[0], password[1]) if password is not None and password[1] is not None else ""
