"""Telegram and Discord bot signatures in JavaScript (see /work/shared/SIGNATURES.md).

A method call counts when its receiver is known to be a bot of the library (built with
`new Telegraf(...)` here or in an imported file) or, when the receiver is unknown (a
parameter, a property), when the library is imported by the running program and the
method name is distinctive (`launch`, `startPolling`...). Generic names (`start`,
`login`) on unknown receivers also need a receiver named like a bot or client.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..treesitter import node_text
from .js_expr import Callee, arguments, callee_of, env_name, is_env_condition, is_false, object_entries, value_of
from .js_module import FUNCTION_TYPES, Module, strip
from .js_reach import Program, short

PACKAGES = {"node-telegram-bot-api": "ntba", "telegraf": "telegraf", "grammy": "grammy", "discord.js": "discord"}
LABELS = {"ntba": "node-telegram-bot-api", "telegraf": "Telegraf", "grammy": "grammY",
          "runner": "@grammyjs/runner", "discord": "discord.js"}
CLASSES = {
    "node-telegram-bot-api": {None, "default", "TelegramBot"},
    "telegraf": {None, "default", "Telegraf"},
    "grammy": {"Bot"},
    "discord.js": {"Client"},
}
# Constructor names recognised even when the import is not visible (`Telegraf.Telegraf`).
CLASS_NAMES = {"Telegraf": "telegraf", "TelegramBot": "node-telegram-bot-api"}
LAUNCH = "launch"  # Telegraf's launch: polling unless given a webhook option
METHODS = {
    "telegraf": {"launch": LAUNCH, "startPolling": "polling", "startWebhook": "webhook",
                 "createWebhook": "webhook", "webhookCallback": "webhook", "handleUpdate": "webhook",
                 "telegram.setWebhook": "webhook"},
    "ntba": {"startPolling": "polling", "setWebHook": "webhook", "openWebHook": "webhook",
             "processUpdate": "webhook"},
    "grammy": {"start": "polling", "api.setWebhook": "webhook", "handleUpdate": "webhook"},
    "discord": {"login": "gateway"},
}
GENERIC = frozenset({"start", "login", "handleUpdate"})
BOTLIKE = re.compile(r"bot|client", re.IGNORECASE)


@dataclass
class Hit:
    """Something a detector found at `node`, before it becomes Evidence."""

    kind: str
    singleton: str
    family: str
    node: object
    note: str
    token: str = ""


def detect(program: Program, module: Module, node) -> list[Hit]:
    if node.type == "new_expression":
        return _constructed(program, module, node)
    callee = callee_of(module, node)
    if callee is None:
        return []
    if callee.package == "@grammyjs/runner" and callee.qualified == "run":
        return [_telegram("polling", "runner", node, _bot_token(program, module, node))]
    if callee.package == "grammy" and callee.qualified == "webhookCallback":
        return [_telegram("webhook", "grammy", node, _bot_token(program, module, node))]
    return _method(program, module, node, callee)


def library_of(module: Module, new_node) -> str | None:
    """The bot library a `new X(...)` constructs, if any."""
    callee = callee_of(module, new_node)
    if callee is None:
        return None
    package = callee.package
    if package in CLASSES:
        name = callee.binding.name if not callee.path and callee.method == callee.root else callee.method
        return PACKAGES[package] if name in CLASSES[package] else None
    if callee.binding is None and callee.method in CLASS_NAMES and CLASS_NAMES[callee.method] in module.packages:
        return PACKAGES[CLASS_NAMES[callee.method]]
    return None


def _constructed(program: Program, module: Module, node) -> list[Hit]:
    if library_of(module, node) != "ntba":
        return []
    args = arguments(node)
    if len(args) < 2:
        return []  # node-telegram-bot-api does not poll unless told to
    token = env_name(module, args[0]) if args else ""
    return _variants(module, node, args[1], _ntba_kinds, "ntba", token, f"`new {short(node.child_by_field_name('constructor'))}()`")


def _ntba_kinds(options) -> set[str]:
    entries = object_entries(options)
    kinds = set()
    polling = entries.get("polling")
    if polling is not None and not is_false(polling):
        auto = object_entries(polling).get("autoStart")
        if not is_false(auto):
            kinds.add("polling")
    if "webHook" in entries and not is_false(entries["webHook"]):
        kinds.add("webhook")
    return kinds


def _launch_kinds(options) -> set[str]:
    if options is not None and options.type == "object":
        webhook = object_entries(options).get("webhook")
        if webhook is not None and not is_false(webhook):
            return {"webhook"}
    return {"polling"}


def _variants(module: Module, node, argument, kinds_of, library: str, token: str, what: str) -> list[Hit]:
    """Hits for an options argument, which may be `process.env.X ? {webhook...} : {}`:
    then the polling side is a fallback chosen by the environment."""
    options = value_of(module, argument) if argument is not None else None
    condition = None
    choices = [options]
    if options is not None and options.type == "ternary_expression":
        condition = options.child_by_field_name("condition")
        choices = [value_of(module, options.child_by_field_name(f)) for f in ("consequence", "alternative")]
    found = [kinds_of(choice) for choice in choices]
    every = set().union(*found)
    chosen = condition is not None and is_env_condition(module, condition) and "webhook" in every \
        and not all("polling" in kinds for kinds in found)
    hits = []
    for kind in ("webhook", "polling"):
        if kind in every:
            hit = _telegram(kind, library, node, token, what)
            if kind == "polling" and chosen:
                hit.kind = "polling-fallback"
                hit.note += f", unless `{short(strip(condition))}` chooses the webhook"
            hits.append(hit)
    return hits


def _method(program: Program, module: Module, node, callee: Callee) -> list[Hit]:
    names = callee.names
    if not names and callee.root_node.type != "new_expression":
        return []
    key = ".".join([*names[1:], callee.method])
    found = _receiver(program, module, callee, key)
    if found is None:
        return []
    library, instance = found
    kind = METHODS.get(library, {}).get(key)
    if kind is None:
        return []
    token = _instance_token(instance)
    args = arguments(node)
    if library == "grammy" and key == "start" and args and args[0].type in FUNCTION_TYPES:
        return []  # a /start command handler (Telegraf's and grammY's `command` style), not polling
    if library == "discord":
        if b"ShardingManager" in module.source:
            return []  # the manager's shards log in, each with its own share of guilds
        token = (env_name(module, args[0]) if args else "DISCORD_TOKEN") or token  # login() reads DISCORD_TOKEN
        return [Hit("gateway", "Discord gateway (discord.js)", "discord", node,
                    f"`{short(callee_node(node))}()` connects to the Discord gateway (discord.js)", token)]
    if kind == LAUNCH:
        argument = args[0] if args and args[0].type not in FUNCTION_TYPES else None
        return _variants(module, node, argument, _launch_kinds, library, token, f"`{short(callee_node(node))}()`")
    return [_telegram(kind, library, node, token)]


def _receiver(program: Program, module: Module, callee: Callee, key: str):
    """(library, instance) of the object a method is called on, or None if it is not a bot."""
    root = callee.root_node
    if not callee.names:
        library = library_of(module, root)
        return (library, (module, root)) if library else None
    name = callee.names[0]
    instance = program.instance(module, name)
    if instance is not None:
        library = library_of(*instance)
        if library:
            return library, instance
    binding = module.imports.get(name) if callee.root == name else None
    if binding is not None and not binding.relative:
        return None  # puppeteer.launch(), express().start()...
    if instance is not None and callee_of(*instance) is not None and callee_of(*instance).package:
        return None  # an instance of another package's class (a CronJob's start())
    used = {PACKAGES[p] for m in program.modules.values() for p in m.packages if p in PACKAGES}
    for library in ("telegraf", "grammy", "ntba", "discord"):
        if library in used and key in METHODS[library] and (key not in GENERIC or BOTLIKE.search(name)):
            return library, None
    return None


def _instance_token(instance) -> str:
    if instance is None:
        return ""
    owner, node = instance
    args = arguments(node)
    return env_name(owner, args[0]) if args else ""


def _bot_token(program: Program, module: Module, node) -> str:
    """The token of the bot passed as first argument: `run(bot)`, `webhookCallback(bot)`."""
    args = arguments(node)
    if not args or args[0].type != "identifier":
        return ""
    return _instance_token(program.instance(module, node_text(args[0])))


def callee_node(node):
    return strip(node.child_by_field_name("function") or node.child_by_field_name("constructor"))


def _telegram(kind: str, library: str, node, token: str, what: str = "") -> Hit:
    label = LABELS[library]
    what = what or f"`{short(callee_node(node))}()`"
    if kind == "webhook":
        return Hit("webhook", f"Telegram webhook ({label})", "telegram", node,
                   f"{what} sets up a Telegram webhook ({label})", token)
    return Hit(kind, f"Telegram polling ({label})", "telegram", node,
               f"{what} starts Telegram polling ({label})", token)
