"""Telegram and Discord bot signatures in JavaScript (see /work/shared/SIGNATURES.md).

A method call counts when its receiver is known to be a bot of the library (built with
`new Telegraf(...)` here or in an imported file) or, when the receiver is unknown (a
parameter, a property), when the library is imported by the running program and the
method name is distinctive (`launch`, `startPolling`...). Generic names (`start`,
`login`) on unknown receivers also need a receiver named like a bot or client.
"""
from __future__ import annotations

from ..record import dataclass

from ..treesitter import node_text
from .js_expr import Callee, arguments, callee_of, named_by, env_name, is_env_condition, is_false, string_value
from .js_module import CLASS_TYPES, FUNCTION_TYPES, Module, name_of, strip
from . import js_fields, js_instances, js_sharding, js_twitch, js_values, js_whatsapp
from .js_reexports import package_binding
from .js_reach import Program, short
from .js_defined import class_defines, defined_here, factory_instance

from .js_bot_tables import BOTLIKE, CLASS_NAMES, CLASSES, DISCORD, GENERIC, LABELS, LAUNCH, METHODS, PACKAGES  # noqa: F401


@dataclass
class Hit:
    """Something a detector found at `node`, before it becomes Evidence."""

    kind: str
    singleton: str
    family: str
    node: object
    note: str
    token: str = ""
    pm2_once: bool = False  # behind a `NODE_APP_INSTANCE === '0'` guard (js_traps.one_pm2_instance)
    on_failure: str = ""  # reached only in a catch: "`bot.telegram.setWebhook(url)` fails"
    env_test: tuple = ()  # (NAME, op, value, runs_when): runs only when the env test says runs_when
    shard: str = ""  # "manual": a discord.js client given its shard by options (js_sharding.manual_shard)


def detect(program: Program, module: Module, node) -> list[Hit]:
    if node.type == "new_expression":
        return _constructed(program, module, node)
    socket = js_whatsapp.conditional_socket(program, module, node)
    if socket is not None:
        return [socket]
    callee = callee_of(module, node)
    if callee is None:
        return []
    if callee.package == "@grammyjs/runner" and callee.qualified == "run":
        return [_telegram("polling", "runner", node, _bot_token(program, module, node))]
    if callee.package == "grammy" and callee.qualified == "webhookCallback":
        return [_telegram("webhook", "grammy", node, _bot_token(program, module, node))]
    if callee.package == "gramio" and callee.qualified == "webhookHandler":
        return [_telegram("webhook", "gramio", node, _bot_token(program, module, node))]
    if callee.package in js_whatsapp.PACKAGES:
        session = js_whatsapp.detect_call(program, module, node, callee)
        return [session] if session is not None else []
    if callee.method == "spawn" and node.type == "call_expression":
        manager = _sharding_manager(program, module, callee)
        if manager is not None:
            return [_shards(program, module, node, manager)]
    return _method(program, module, node, callee)


# Shard managers: one per bot starts every shard (discord.js, discord-hybrid-sharding)
MANAGERS = {("discord.js", "ShardingManager"): "discord.js ShardingManager",
            ("discord-hybrid-sharding", "ClusterManager"): "discord-hybrid-sharding ClusterManager",
            ("discord-hybrid-sharding", "Manager"): "discord-hybrid-sharding ClusterManager"}


def _is_sharding_manager(module: Module, new_node) -> bool:
    return _manager_label(module, new_node) is not None


def _manager_label(module: Module, new_node) -> str | None:
    callee = callee_of(module, new_node) if new_node.type == "new_expression" else None
    return MANAGERS.get((callee.package, callee.method)) if callee is not None else None


def _sharding_manager(program: Program, module: Module, callee: Callee):
    """The `new ShardingManager(...)` (module, node) whose `spawn()` this is, or
    (module, class node) for `this.spawn()` in a class that extends discord.js's
    ShardingManager; None otherwise."""
    if callee.root == "this" and not callee.path:
        cls = callee.root_node
        while cls is not None and cls.type not in CLASS_TYPES:
            cls = cls.parent
        heritage = next((c for c in cls.named_children if c.type == "class_heritage"), None) if cls is not None else None
        binding = module.imports.get("ShardingManager") or module.imports.get(
            node_text(heritage).split()[-1].split(".")[0]) if heritage is not None else None
        if heritage is not None and node_text(heritage).endswith("ShardingManager") and binding is not None \
                and binding.source == "discord.js":
            return module, cls
        return None
    if len(callee.names) != 1:
        return None
    instance = program.instance(module, callee.names[0])
    return instance if instance is not None and _is_sharding_manager(*instance) else None


def _shards(program: Program, module: Module, node, manager) -> Hit:
    """`manager.spawn()`: discord.js starts the bot's shards, each a gateway connection for
    its share of the guilds. One manager is how a big bot runs once; two managers (two
    processes, or replicas of one) connect every shard twice."""
    owner, made = manager
    token = ""
    label = _manager_label(owner, made) or "discord.js ShardingManager"
    if made.type == "new_expression":
        args = arguments(made)
        options = js_values.resolve(program, owner, args[1]) if len(args) > 1 else None
        entry = js_values.entry(program, options, "token") if options is not None and options[1] is not None else None
        token = env_name(entry[0], entry[1]) if entry is not None else ""
    return Hit("gateway", "Discord gateway (discord.js)", "discord", node,
               f"`{short(callee_node(node))}()` starts the bot's shards ({label}), each a "
               f"gateway connection", token or "DISCORD_TOKEN")


def library_of(module: Module, new_node, program: Program | None = None) -> str | None:
    """The bot library a `new X(...)` constructs, if any: the library's class, or a class
    of this file that extends it (`class AppClient extends Client {...}`), or, given the
    program, a class of an imported module that does (`import { Assistant } from './bot'`)."""
    return _class_library(module, callee_of(module, new_node), 0, program)


def _class_library(module: Module, callee: Callee | None, depth: int, program: Program | None = None) -> str | None:
    if callee is None:
        return None
    package = callee.package
    if package in CLASSES:
        name = callee.binding.name if not callee.path and callee.method == callee.root else callee.method
        return PACKAGES[package] if name in CLASSES[package] else None
    if callee.binding is None and callee.method in CLASS_NAMES and CLASS_NAMES[callee.method] in module.packages:
        return PACKAGES[CLASS_NAMES[callee.method]]
    if callee.binding is None and not callee.path and callee.method == callee.root and depth < 3:
        for cls in module.functions.get(callee.root, [])[:2]:
            base = _extends(cls) if cls.type in CLASS_TYPES else None
            if base is not None:
                return _class_library(module, named_by(module, base), depth + 1, program)
    if program is not None and callee.binding is not None and callee.binding.relative and not callee.path \
            and callee.method == callee.root and depth < 3:  # a subclass defined in another module
        for owner, cls in program.functions(program.definition(module, callee.root))[:2]:
            base = _extends(cls) if cls.type in CLASS_TYPES else None
            if base is not None:
                return _class_library(owner, named_by(owner, base), depth + 1, program)
        found = package_binding(program, module, callee.binding)  # a re-export: `export { Client as Link }`
        if found is not None and found.source in CLASSES and found.name in CLASSES[found.source]:
            return PACKAGES[found.source]
    return None


def _own_class_library(module: Module, this, key: str, inherited: bool = False, program: Program | None = None):
    """(library, None) when `this` is in a class of this file that extends a bot library's
    class, directly or through a repository class of another module (`class Client extends
    CustomClient` with `CustomClient extends discord.js's Client`, given the program), and does
    not define `key` itself (`super.key()`: the library's own, `inherited`)."""
    cls = this.parent
    while cls is not None and cls.type not in CLASS_TYPES:
        cls = cls.parent
    if cls is None or (not inherited and class_defines(cls, key)):
        return None
    base = _extends(cls)
    library = _class_library(module, named_by(module, base), 1, program) if base is not None else None
    return (library, None) if library else None


def _extends(cls):
    """The class expression after `extends`, or None."""
    heritage = next((c for c in cls.named_children if c.type == "class_heritage"), None)
    if heritage is None:
        return None
    clause = next((c for c in heritage.named_children if c.type == "extends_clause"), heritage)
    return next((c for c in clause.named_children if c.type in ("identifier", "member_expression")), None)


def _constructed(program: Program, module: Module, node) -> list[Hit]:
    library = library_of(module, node)
    if library == "twurple-bot":  # @twurple/easy-bot's Bot connects in its constructor
        return js_twitch.easy_bot(program, module, node)
    if library != "ntba":
        return []
    args = arguments(node)
    if len(args) < 2:
        return []  # node-telegram-bot-api does not poll unless told to
    token = token_of(program, module, args[0]) if args else ""
    hits = _variants(program, module, node, args[1], _ntba_kinds, "ntba", token, f"`new {short(node.child_by_field_name('constructor'))}()`")
    options = js_values.resolve(program, module, args[1])
    polling = js_values.entry(program, options, "polling") if options is not None and options[1] is not None else None
    test = js_values.env_test(program, polling[0], polling[1]) if polling is not None and polling[1] is not None else None
    for hit in hits:  # `{ polling: process.env.NODE_ENV !== 'production' }`: polls only when the test holds
        if test is not None and hit.kind == "polling" and not hit.env_test:
            hit.env_test = test
    return hits


def _ntba_kinds(program: Program, options) -> set[str]:
    kinds = set()
    polling = js_values.entry(program, options, "polling")
    if polling is not None and not is_false(polling[1]):
        auto = js_values.entry(program, polling, "autoStart")
        if auto is None or not is_false(auto[1]):
            kinds.add("polling")
    webhook = js_values.entry(program, options, "webHook")
    if webhook is not None and not is_false(webhook[1]):
        kinds.add("webhook")
    return kinds


def _launch_kinds(program: Program, options) -> set[str]:
    if options is not None and options[1] is not None and options[1].type == "object":
        webhook = js_values.entry(program, options, "webhook")
        if webhook is not None and not is_false(webhook[1]):
            return {"webhook"}
    return {"polling"}


def _variants(program: Program, module: Module, node, argument, kinds_of, library: str, token: str, what: str) -> list[Hit]:
    """Hits for an options argument, which may be `process.env.X ? {webhook...} : {}`:
    then the polling side is a fallback chosen by the environment. The options may be
    read from another module (`config.bot` of `require('./config')`)."""
    options = js_values.resolve(program, module, argument) if argument is not None else None
    condition = None
    choices = [options]
    if options is not None and options[1] is not None and options[1].type == "ternary_expression":
        owner, ternary = options
        condition = ternary.child_by_field_name("condition")
        choices = [js_values.resolve(program, owner, ternary.child_by_field_name(f)) for f in ("consequence", "alternative")]
    found = [kinds_of(program, choice) for choice in choices]
    every = set().union(*found)
    chosen = condition is not None and (is_env_condition(options[0], condition) or js_values.env_test(program, options[0], condition)) \
        and "webhook" in every \
        and not all("polling" in kinds for kinds in found)
    hits = []
    # one side of `cond ? a : b` only: `isProd ? {} : { polling: true }` polls only when the test fails
    test = js_values.env_test(program, options[0], condition) if condition is not None and len(found) == 2 \
        and found[0] != found[1] else None
    for kind in ("webhook", "polling"):
        if kind in every:
            hit = _telegram(kind, library, node, token, what)
            if kind == "polling" and chosen:
                hit.kind = "polling-fallback"
                hit.note += f", unless `{short(strip(condition))}` chooses the webhook"
            if test is not None and (kind in found[0]) != (kind in found[1]):  # one side of `cond ? a : b`
                hit.env_test = (*test[:3], test[3] == (kind in found[0]))
            hits.append(hit)
    return hits


def _method(program: Program, module: Module, node, callee: Callee) -> list[Hit]:
    names = callee.names
    if not names and callee.root_node.type not in ("new_expression", "call_expression", "this", "super"):
        return []
    if callee.root and not callee.path and callee.method == callee.root:
        return []  # `launch()`: a function of the repository, not a bot's method
    member = js_instances.module_member(program, module, callee)  # `m.bot.launch()`, m a module object
    key = member[1] if member is not None else ".".join([*names[1:], callee.method])
    if member is None and defined_here(program, module, callee, key):
        return []  # `server.start()` on an object or class of the repository that defines start()
    found = _receiver(program, module, callee, key) if member is None else (library_of(*member[0], program), member[0])
    held = js_fields.held_member(program, module, callee) if found is None and member is None else None
    if held is not None:  # `holder.client.login()`: a field of a repository class's instance
        (found, key) = (library_of(*held[0], program), held[0]), held[1]
    elif found is None and member is None:  # `App.bot.launch()`, `private chat: Client;` + `this.chat.connect()`
        found, key = js_instances.unknown_receiver(program, module, callee, key)
    if found is None or not found[0]:
        return []
    library, instance = found
    kind = METHODS.get(library, {}).get(key)
    if kind is None:
        return []
    token = _instance_token(instance, program)
    args = arguments(node)
    if library == "grammy" and key == "start" and args and args[0].type in FUNCTION_TYPES:
        return []  # a /start command handler (Telegraf's and grammY's `command` style), not polling
    if library in DISCORD:
        if library == "discord":
            if js_sharding.sharded(module):
                return []  # the manager's shards log in, each with its own share of guilds
            token = (env_name(module, args[0]) if args else "DISCORD_TOKEN") or token  # login() reads DISCORD_TOKEN
        label = DISCORD[library]  # Eris and Oceanic.js take the token when the client is made
        shard = "manual" if library == "discord" and js_sharding.manual_shard(program, instance) else ""
        return [Hit("gateway", f"Discord gateway ({label})", "discord", node,
                    f"`{short(callee_node(node))}()` connects to the Discord gateway ({label})", token, shard=shard)]
    if library in js_twitch.LABELS:
        return js_twitch.chat_connection(program, library, instance, node, callee_node(node))
    if library == "gramjs":
        return _gramjs_session(program, instance, node) if instance is not None else []
    if library == "wwebjs":
        return js_whatsapp.wwebjs_session(program, instance, node)
    if kind == LAUNCH:
        argument = args[0] if args and args[0].type not in FUNCTION_TYPES else None
        return _variants(program, module, node, argument, _launch_kinds, library, token, f"`{short(callee_node(node))}()`")
    return [_telegram(kind, library, node, token)]


def _receiver(program: Program, module: Module, callee: Callee, key: str):
    """(library, instance) of the object a method is called on, or None if it is not a bot."""
    root = callee.root_node
    if callee.root == "this" and not callee.path:  # `this.login(token)` in `class X extends Client`
        return _own_class_library(module, root, key, program=program)
    if root.type == "super" and not callee.path:  # `login() { return super.login(token); }` overriding it
        return _own_class_library(module, root, key, inherited=True, program=program)
    if not callee.names and root.type == "call_expression":  # `makeBot().launch()`, `require('./bot').launch()`
        instance = factory_instance(program, module, root) or js_instances.made_by_call(program, module, root)
        cls = js_instances.injected_class(root) if instance is None else None  # `container.resolve(Bot).login()`
        library = library_of(*instance, program) if instance is not None else \
            _class_library(module, named_by(module, cls), 0, program) if cls is not None else None
        if cls is not None and any(c.type in CLASS_TYPES and class_defines(c, key) for _, c in program.functions(
                program.definition(module, node_text(cls)))):
            return None  # the repository's own `login()` (the walk follows it)
        return (library, instance) if library else None
    if not callee.names:
        library = library_of(module, root, program)
        return (library, (module, root)) if library else None
    name = callee.names[0]
    instance = program.instance(module, name)
    if instance is None and callee.root == name and (name in module.values or name in module.imports):
        # `const client = config.client` with config.js exporting `{ client: new Client() }`;
        # `import { chat } from './twitch'` exporting `tmi.client(opts)` (made without `new`)
        found = js_values.resolve(program, module, module.values.get(name) or callee.root_node)
        instance = found if found is not None and found[1] is not None and (
            found[1].type == "new_expression" or js_instances.made_without_new(*found)) else None
    if instance is not None:
        library = library_of(*instance, program)
        if library:
            return library, instance
    binding = module.imports.get(name) if callee.root == name else None
    if binding is not None and not binding.relative:
        return None  # puppeteer.launch(), express().start()...
    if instance is not None and callee_of(*instance) is not None and callee_of(*instance).package:
        return None  # an instance of another package's class (a CronJob's start())
    used = {PACKAGES[p] for m in program.modules.values() for p in m.packages if p in PACKAGES}
    for library in ("telegraf", "grammy", "ntba", "discord", "gramio"):
        if library in used and key in METHODS[library] and (key not in GENERIC or BOTLIKE.search(name)):
            return library, None
    return None


_SESSIONS = frozenset({"StringSession", "StoreSession", "MemorySession"})


def _gramjs_session(program: Program, instance, node) -> list[Hit]:
    """`client.start()` / `client.connect()` of a GramJS `new TelegramClient(session, ...)`:
    an MTProto session, named by where the session comes from. A new empty session
    (`new StringSession("")`) logs in afresh in every process: two of them are two sessions,
    not one used twice (as for Telethon)."""
    owner, new = instance
    args = arguments(new)
    found = js_values.resolve(program, owner, args[0]) if args else None
    module, session = found if found is not None and found[1] is not None else (owner, strip(args[0]) if args else None)
    name = "?"
    if session is not None and session.type == "new_expression":
        kind = name_of(strip(session.child_by_field_name("constructor")))
        inner = arguments(session)
        text = string_value(inner[0]) if inner else ""
        if kind in _SESSIONS and (not inner or text == "" or kind == "MemorySession"):
            return []
        variable = env_name(module, inner[0]) if inner else ""
        name = f"${variable}" if variable else (text or "?")
    elif session is not None:
        name = string_value(session) or (f"${env_name(module, session)}" if env_name(module, session) else "?")
    return [Hit("session", f"MTProto session `{name}` (GramJS)", f"mtproto:{name}", node,
                f"`{short(callee_node(node))}()` starts the MTProto session (GramJS)")]


def _instance_token(instance, program: Program | None = None) -> str:
    if instance is None:
        return ""
    owner, node = instance
    args = arguments(node)
    if not args:
        return ""
    return token_of(program, owner, args[0]) if program is not None else env_name(owner, args[0])


def token_of(program: Program, module: Module, node) -> str:
    """The environment variable a token argument reads, here or in a config module."""
    name = env_name(module, node)
    if name or node is None:
        return name
    found = js_values.resolve(program, module, node)
    if found is None or found[1] is None or found[1] is strip(node):
        return ""
    return env_name(found[0], found[1])


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
