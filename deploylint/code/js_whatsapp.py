"""WhatsApp Web sessions in JavaScript: whatsapp-web.js and Baileys.

Both libraries log in as a *linked device* whose credentials live in a session store
(whatsapp-web.js `LocalAuth`/`RemoteAuth`, Baileys `useMultiFileAuthState(dir)`). WhatsApp
keeps one connection per linked device: a second process opening the same session makes
the server close the other one (Baileys: `DisconnectReason.connectionReplaced`, "Stream
Errored (conflict)"; whatsapp-web.js: the `disconnected` event with `CONFLICT`/`LOGOUT`),
and `LocalAuth` copies also fight over one Chromium profile directory ("The browser is
already running"). Auto-reconnect code then makes the copies take the session from each
other in a loop. Like a GramJS empty `StringSession`, a client without a stored session
(whatsapp-web.js `NoAuth`, the default) logs in afresh with a QR code in every process:
separate devices, not one session used twice, so it is not reported.
  - whatsapp-web.js: `new Client({ authStrategy: new LocalAuth(...) })` + `client.initialize()`
    (https://wwebjs.dev/guide/creating-your-bot/authentication.html)
  - Baileys: `makeWASocket({ auth: state })` connects as soon as it is called
    (https://baileys.wiki/docs/socket/connecting)
  - BuilderBot (`@builderbot/bot`, formerly `@bot-whatsapp/bot`): `createProvider(BaileysProvider,
    { name })` opens the session of the WhatsApp Web provider it creates (Baileys, venom,
    WPPConnect, whatsapp-web.js providers; the Meta/Twilio Cloud API providers have none)
"""
from __future__ import annotations

from ..treesitter import node_text
from .js_expr import Callee, arguments, callee_of, env_name, string_value
from .js_module import Module, name_of, strip
from . import js_values
from .js_reach import Program, short

BAILEYS = frozenset({"@whiskeysockets/baileys", "@adiwajshing/baileys", "baileys", "@itsukichan/baileys"})
# browser-driven libraries whose `create(...)` logs in and keeps the session open (venom-bot,
# WPPConnect, open-wa): the session is named by `session` / `sessionId` or a first string argument
CREATORS = {"venom-bot": "venom-bot", "@wppconnect-team/wppconnect": "WPPConnect", "@open-wa/wa-automate": "open-wa"}
# BuilderBot (formerly bot-whatsapp): `createProvider(BaileysProvider, { name })` creates the
# provider, whose constructor opens the WhatsApp Web session at once (session folder
# `${name}_sessions`, name "bot" by default); the Meta and Twilio providers use the Cloud
# API (webhooks), no session
BUILDERBOT = frozenset({"@bot-whatsapp/bot", "@builderbot/bot"})
WEB_PROVIDERS = {f"{scope}/provider-{kind}": label for scope in ("@bot-whatsapp", "@builderbot")
                 for kind, label in (("baileys", "Baileys"), ("venom", "venom-bot"), ("wppconnect", "WPPConnect"),
                                     ("web-whatsapp", "whatsapp-web.js"))}
PACKAGES = BAILEYS | frozenset(CREATORS) | BUILDERBOT
SOCKET_NAMES = frozenset({"default", "makeWASocket", "default.default", "makeWALegacySocket"})
STORED = frozenset({"LocalAuth", "RemoteAuth", "LegacySessionAuth"})  # whatsapp-web.js auth strategies that keep a session


def baileys_socket(program: Program, module: Module, node, callee: Callee):
    """A Hit for `makeWASocket(...)` of a Baileys package, or None."""
    from .js_bots import Hit

    if node.type != "call_expression" or callee.package not in BAILEYS:
        return None
    if callee.qualified not in SOCKET_NAMES and callee.method not in ("makeWASocket", "makeWALegacySocket"):
        return None
    args = arguments(node)
    name = _auth_name(program, module, args[0]) if args else "?"
    return Hit("session", f"WhatsApp session `{name}` (Baileys)", f"whatsapp:{name}", node,
               f"`{short(node.child_by_field_name('function'))}()` opens the WhatsApp Web session (Baileys)")


def detect_call(program: Program, module: Module, node, callee: Callee):
    """A Hit for a call that opens a WhatsApp session (Baileys socket, `venom.create(...)`), or None."""
    if callee.package in BAILEYS:
        return baileys_socket(program, module, node, callee)
    if callee.package in BUILDERBOT:
        return builderbot_provider(program, module, node, callee)
    label = CREATORS.get(callee.package or "")
    if label is None or node.type != "call_expression" or callee.method != "create" \
            or callee.qualified not in ("create", "default.create"):
        return None
    from .js_bots import Hit

    args = arguments(node)
    name = "?"
    first = js_values.resolve(program, module, args[0]) if args else None
    if first is not None and first[1] is not None:
        text = string_value(first[1])
        if text is not None:
            name = text
        elif first[1].type == "object":
            for key in ("session", "sessionId"):
                found = js_values.entry(program, first, key)
                if found is not None and found[1] is not None:
                    name = _text(found[0], found[1])
                    break
    return Hit("session", f"WhatsApp session `{name}` ({label})", f"whatsapp:{name}", node,
               f"`{short(node.child_by_field_name('function'))}()` opens the WhatsApp Web session ({label})")


def builderbot_provider(program: Program, module: Module, node, callee: Callee):
    """A Hit for BuilderBot's `createProvider(BaileysProvider, { name })` with a WhatsApp Web
    provider class imported from its package, or None."""
    if node.type != "call_expression" or callee.qualified != "createProvider":
        return None
    args = arguments(node)
    provider = strip(args[0]) if args else None
    binding = module.imports.get(node_text(provider)) if provider is not None and provider.type == "identifier" else None
    label = WEB_PROVIDERS.get(binding.source) if binding is not None else None
    if label is None:
        return None
    from .js_bots import Hit

    name = "bot"
    options = js_values.resolve(program, module, args[1]) if len(args) > 1 else None
    found = js_values.entry(program, options, "name") if options is not None and options[1] is not None else None
    if found is not None and found[1] is not None:
        name = _text(found[0], found[1])
    return Hit("session", f"WhatsApp session `{name}` (BuilderBot, {label})", f"whatsapp:{name}", node,
               f"`{short(node.child_by_field_name('function'))}()` creates the {label} provider, which opens the WhatsApp Web session")


def conditional_socket(program: Program, module: Module, node):
    """`(legacy ? makeWALegacySocket : makeWASocket)(options)`: a call whose callee is a
    conditional between Baileys socket functions (either branch opens the session)."""
    function = strip(node.child_by_field_name("function")) if node.type == "call_expression" else None
    if function is None or function.type != "ternary_expression":
        return None
    from .js_expr import named_by

    for field in ("consequence", "alternative"):
        branch = strip(function.child_by_field_name(field))
        callee = named_by(module, branch) if branch is not None else None
        if callee is not None and callee.package in BAILEYS:
            found = baileys_socket(program, module, node, callee)
            if found is not None:
                return found
    return None


def wwebjs_session(program: Program, instance, node):
    """Hits for `client.initialize()` of a whatsapp-web.js `new Client({...})` (instance
    None: `this.initialize()` in a subclass, options unknown)."""
    from .js_bots import Hit, callee_node

    name = "?"
    if instance is not None:
        owner, new = instance
        args = arguments(new)
        options = js_values.resolve(program, owner, args[0]) if args else None
        strategy = js_values.entry(program, options, "authStrategy") if options is not None and options[1] is not None else None
        if strategy is None or strategy[1] is None:
            return []  # NoAuth (the default): a new QR login in every process
        value = strip(strategy[1])
        kind = name_of(strip(value.child_by_field_name("constructor"))) if value.type == "new_expression" else ""
        if kind == "NoAuth":
            return []
        if kind in STORED:
            inner = arguments(value)
            settings = js_values.resolve(program, strategy[0], inner[0]) if inner else None
            client_id = js_values.entry(program, settings, "clientId") if settings is not None and settings[1] is not None else None
            name = _text(client_id[0], client_id[1]) if client_id is not None and client_id[1] is not None else kind
    return [Hit("session", f"WhatsApp session `{name}` (whatsapp-web.js)", f"whatsapp:{name}", node,
                f"`{short(callee_node(node))}()` opens the WhatsApp Web session (whatsapp-web.js)")]


def _auth_name(program: Program, module: Module, options) -> str:
    """The session a Baileys socket opens: the directory of `useMultiFileAuthState(dir)`
    when the `auth` option comes from it in this function, else "?"."""
    found = js_values.resolve(program, module, options)
    if found is None or found[1] is None:
        return "?"
    value = next((strip(pair.child_by_field_name("value")) for pair in found[1].named_children
                  if pair.type == "pair" and name_of(pair.child_by_field_name("key")) == "auth"), None) \
        if found[1].type == "object" else None
    if value is None:
        return "?"
    text = node_text(value)
    root = text.split(".", 1)[0].strip()
    scope = value.parent
    for _ in range(200):  # up to the function or program the socket is made in
        if scope is None or scope.type in ("function_declaration", "arrow_function", "function_expression",
                                           "method_definition", "program"):
            break
        scope = scope.parent
    if scope is None or not root.isidentifier():
        return "?"
    body = node_text(scope)
    marker = "useMultiFileAuthState"
    at = body.find(marker)
    if at < 0 or root not in body[:at]:
        return "?"
    call_text = body[at + len(marker):at + len(marker) + 200]
    inner = call_text.split(")", 1)[0].lstrip("( ")
    if inner[:1] in "'\"`":
        return inner.strip("'\"`")
    return inner.strip()[:60] or "?"  # an expression: `this.dir`, `sessionDir`


def _text(module: Module, node) -> str:
    return string_value(node) or (f"${env_name(module, node)}" if env_name(module, node) else short(node, 30))


__all__ = ["BAILEYS", "CREATORS", "PACKAGES", "baileys_socket", "callee_of", "detect_call", "wwebjs_session"]
