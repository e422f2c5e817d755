"""What one Python call starts: bot pollers, webhooks, gateways, MTProto sessions, Celery
beat and schedulers, and the fragile guards around them (kill-by-name, lock files, signal
handlers, dev reloaders).

Pure functions over `ast` nodes and the `Facts` of the module the call is in (its import
bindings and assignments). python.py decides which calls are reached; this module only
says what a reached call does. Library details: /work/shared/SIGNATURES.md.
"""
from __future__ import annotations

import ast
import re
from ..record import dataclass, field
from ..patterns import lazy_re
from .python_values import (  # the value readers, also used through this module (sig.short, ...)
    Facts, arguments, callee, chain_words, is_true, keyword, last, origin_names, origins_with, short, string_of,
)


@dataclass(frozen=True)
class Hit:
    kind: str  # Evidence.kind
    singleton: str
    family: str  # "scheduler" is completed with the call's place by the caller
    note: str  # the trace step at the call
    needs_loop: bool = False  # only counts inside a loop (raw getUpdates, schedule.run_pending)
    credentials: tuple[ast.expr, ...] = field(default=(), compare=False)  # where a token may be read


TELEGRAM_LIBS = {"telegram": "python-telegram-bot", "aiogram": "aiogram", "telebot": "pyTelegramBotAPI"}
DISCORD_LIBS = {"discord": "discord.py", "disnake": "disnake", "nextcord": "nextcord", "hikari": "hikari",
                "interactions": "interactions.py", "pydis_core": "discord.py", "lightbulb": "hikari"}
MTPROTO_LIBS = frozenset({"telethon", "pyrogram"})
_LIB_ALIASES = {"hydrogram": "pyrogram"}  # as python_module.LIB_ALIASES
POLLING_METHODS = frozenset({"start_polling", "run_polling", "infinity_polling", "polling"})
WEBHOOK_METHODS = frozenset({"run_webhook", "start_webhook", "set_webhook", "setWebhook", "run_webhooks"})
RAW_UPDATE_METHODS = frozenset({"get_updates", "getUpdates"})
APSCHEDULERS = frozenset({"BackgroundScheduler", "AsyncIOScheduler", "BlockingScheduler", "TornadoScheduler",
                          "GeventScheduler", "QtScheduler", "TwistedScheduler", "AsyncScheduler", "Scheduler",
                          "APScheduler"})
WEB_APPS = frozenset({"Flask", "Quart", "FastAPI", "Starlette", "Sanic", "SocketIO", "Application", "Litestar"})
# receivers whose `.run(...)` is not a Discord client even in a module that imports discord
NOT_CLIENTS = frozenset({"asyncio", "uvicorn", "hypercorn", "subprocess", "trio", "anyio", "threading",
                         "multiprocessing", "flask", "quart", "aiohttp", "web", "waitress", "socketio", "app"})
SHELL_CALLS = frozenset({"os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.Popen",
                         "subprocess.check_call", "subprocess.check_output", "subprocess.getoutput",
                         "subprocess.getstatusoutput", "asyncio.create_subprocess_shell",
                         "asyncio.create_subprocess_exec", "commands.getoutput"})
KILL_BY_NAME = lazy_re(r"\b(pkill|killall)\b|\bkill\b.*\$\(\s*pgrep|pgrep\b.*\|\s*xargs\s+kill|\bfuser\s+-k")
LOCK_CLASSES = frozenset({"FileLock", "SoftFileLock", "UnixFileLock", "PIDLockFile", "TimeoutPIDLockFile",
                          "PidFile", "PIDFile", "LockFile"})
STOP_SIGNALS = ("SIGTERM", "SIGINT")


# -- what a call starts -----------------------------------------------------------------
def classify(call: ast.Call, facts: Facts, libs: frozenset[str]) -> list[Hit]:
    """Every Hit of one call (usually none)."""
    name, receiver = callee(call)
    if not name:
        return []
    hits: list[Hit] = []
    try:
        libs = _with_origin_libs(name, receiver, facts, libs)
        for check in (_telegram, _discord, _mtproto, _beat, _scheduler, _kill, _lock, _shared_lock, _signals,
                      _reloader):
            hits.extend(check(call, name, receiver, facts, libs))
    except RecursionError:  # a pathologically deep expression: no evidence, no crash
        return []
    return hits


# methods that start a singleton on a client object, and the libraries such a client comes from
_STARTERS = POLLING_METHODS | {"run", "start", "run_until_disconnected", "idle"}
_CLIENT_LIBS = frozenset({*TELEGRAM_LIBS, *DISCORD_LIBS, *MTPROTO_LIBS, *_LIB_ALIASES})


def _with_origin_libs(name: str, receiver, facts: Facts, libs: frozenset[str]) -> frozenset[str]:
    """The module's libraries and those its receiver is built from: `bot = build()` where
    build (another module) returns a `telebot.TeleBot` made in a third one is a pyTelegramBotAPI
    client here too, though this module imports neither."""
    if receiver is None or name not in _STARTERS or libs & _CLIENT_LIBS:
        return libs
    roots = {_LIB_ALIASES.get(root, root) for root in (n.split(".")[0] for n in origin_names(receiver, facts))}
    extra = roots & _CLIENT_LIBS
    return libs | extra if extra else libs


def library_receiver(call: ast.Call, facts: Facts) -> bool:
    """`client.run(T)` where `client` may be built by a client library, though a repository
    class with a `run` method is among its origins."""
    name, receiver = callee(call)
    if receiver is None or name not in _STARTERS:
        return False
    return any(_LIB_ALIASES.get(root, root) in _CLIENT_LIBS
               for root in (n.split(".")[0] for n in origin_names(receiver, facts)))


def classify_reference(expr: ast.expr, facts: Facts, libs: frozenset[str]) -> list[Hit]:
    """A callable handed to a thread or executor (`Thread(target=bot.infinity_polling)`)
    runs like a call with no arguments."""
    fake = ast.Call(func=expr, args=[], keywords=[])
    ast.copy_location(fake, expr)
    fake.end_lineno, fake.end_col_offset = expr.end_lineno, expr.end_col_offset
    return [h for h in classify(fake, facts, libs) if h.kind in ("polling", "gateway", "session", "scheduler", "beat")]


def classify_with(expr: ast.expr, facts: Facts, libs: frozenset[str]) -> list[Hit]:
    """`with TelegramClient(...) as client:` / `async with app:` start an MTProto session."""
    if not libs & {"telethon", "pyrogram"}:
        return []
    session = _session_origin(expr, facts, libs)
    if session is None:
        return []
    return [_session_hit(session, facts, f"`with {short(expr, 40)}` connects the MTProto session")]


def classify_loop(loop: ast.For | ast.AsyncFor, facts: Facts) -> list[tuple[ast.Call, Hit]]:
    """`for p in psutil.process_iter(): if "bot.py" in p.cmdline(): p.kill()`."""
    iters = [c for c in ast.walk(loop.iter) if isinstance(c, ast.Call) and callee(c)[0] in ("process_iter", "pids")]
    if not iters:
        return []
    body = [n for stmt in loop.body for n in ast.walk(stmt)]
    by_name = any(isinstance(n, ast.Constant) and n.value in ("name", "cmdline", "exe") for n in body) or any(
        isinstance(n, ast.Attribute) and n.attr in ("name", "cmdline", "exe") for n in body)
    kills = [n for n in body if isinstance(n, ast.Call) and callee(n)[0] in ("kill", "terminate", "send_signal")]
    if not by_name or not kills:
        return []
    return [(kills[0], Hit("kill-by-name", "kill-by-name (psutil.process_iter loop)", "kill-by-name",
                           f"`{short(kills[0], 40)}` kills processes matched by name"))]


def webhook_call(call: ast.Call, facts: Facts) -> bool:
    """Does this call set up Telegram webhook mode?"""
    try:
        return _webhook_call(call, facts)
    except RecursionError:
        return False


def _webhook_call(call: ast.Call, facts: Facts) -> bool:
    name, receiver = callee(call)
    if name in WEBHOOK_METHODS:
        return True
    if name == "register" and any(last(n) == "SimpleRequestHandler" for n in origin_names(receiver, facts)):
        return True
    if name == "setup_application":
        return True
    return (name not in STRING_METHODS and facts.mentions("setWebhook")
            and any(_mentions(arg, facts, "setWebhook") for arg in arguments(call)))


STRING_METHODS = frozenset({"format", "join", "replace", "urljoin", "encode", "strip", "print"})


def _mentions(expr: ast.AST, facts: Facts, word: str, depth: int = 3) -> bool:
    """Does a Bot API method name appear in what this argument is built from? Log text
    (with spaces) does not count, and neither do other calls' arguments, unless one of
    them is the method name itself (a URL helper: `self.get_url("getUpdates")`)."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and word in node.value and not any(c.isspace() for c in node.value):
                return True
        elif isinstance(node, (ast.Name, ast.Attribute)):
            key = node.id if isinstance(node, ast.Name) else "." + node.attr
            if depth and any(_mentions(v, facts, word, depth - 1) for v in facts.values(key)[:3]):
                return True
        elif isinstance(node, ast.Call):
            name, receiver = callee(node)
            if name in STRING_METHODS:
                stack.extend([*arguments(node), *([receiver] if receiver is not None else [])])
            elif any(isinstance(a, ast.Constant) and a.value == word for a in arguments(node)[:4]):
                return True  # a URL helper given the method name itself: `self.get_url("getUpdates")`
        else:
            stack.extend(ast.iter_child_nodes(node))
    return False


def _telegram(call, name, receiver, facts, libs):
    if name in POLLING_METHODS:
        lib = _telegram_lib(name, receiver, facts, libs)
        if lib:
            yield Hit("polling", f"Telegram polling ({lib})", "telegram", f"`{short(call)}` starts Telegram polling",
                      credentials=(*arguments(call), *([receiver] if receiver is not None else [])))
    if webhook_call(call, facts):
        lib = _telegram_lib("", receiver, facts, libs) or "Bot API"
        yield Hit("webhook", f"Telegram webhook ({lib})", "telegram", f"`{short(call)}` sets up webhook mode",
                  credentials=(*arguments(call), *([receiver] if receiver is not None else [])))
    if name in RAW_UPDATE_METHODS or (name not in POLLING_METHODS | STRING_METHODS and facts.mentions("getUpdates") and any(
            _mentions(arg, facts, "getUpdates") for arg in arguments(call))):
        yield Hit("polling", "Telegram polling (raw getUpdates loop)", "telegram",
                  f"`{short(call)}` calls getUpdates in a loop", needs_loop=True, credentials=tuple(arguments(call)))


def _telegram_lib(name: str, receiver, facts: Facts, libs: frozenset[str]) -> str | None:
    if name == "infinity_polling" or (name == "polling" and "telebot" in libs):
        return "pyTelegramBotAPI"
    present = [label for module, label in TELEGRAM_LIBS.items() if module in libs]
    if name == "polling" or not present:
        return None
    words = {w.lower() for w in chain_words(receiver)} | {
        n.split(".")[0].lower() for n in origin_names(receiver, facts)} | {
        last(n).lower() for n in origin_names(receiver, facts)}
    hints = {"python-telegram-bot": {"updater", "application", "applicationbuilder", "telegram"},
             "aiogram": {"executor", "dp", "dispatcher", "aiogram"},
             "pyTelegramBotAPI": {"telebot", "asynctelebot"}}
    return next((lib for lib in present if words & hints[lib]), present[0])


def _discord(call, name, receiver, facts, libs):
    lib = next((label for module, label in DISCORD_LIBS.items() if module in libs), None)
    if lib is None or name not in ("run", "start") or receiver is None:
        return
    root = chain_words(receiver)[:1]
    if root and facts.imported_module(root[0]):
        return
    kinds = origin_names(receiver, facts)
    library = any(k.split(".")[0] in DISCORD_LIBS for k in kinds)  # `app.client.Bot` whose base is commands.Bot
    if root and root[0] in NOT_CLIENTS and not library:  # `app = lightbulb.BotApp(...)` is a client all the same
        return
    if any(last(k) in WEB_APPS or (not library and "." in k and k.split(".")[0] not in DISCORD_LIBS) for k in kinds):
        return
    token = call.args or keyword(call, "token") is not None
    # interactions.py / hikari take the token in the constructor: `Client(token=T).start()`
    token = token or any(keyword(c, "token") is not None for c, _ in origins_with(receiver, facts)[:4])
    if token or (lib == "hikari" and name == "run"):
        yield Hit("gateway", f"Discord gateway ({lib})", "discord", f"`{short(call)}` connects to the Discord gateway",
                  credentials=(*arguments(call), receiver))


def _session_origin(receiver, facts: Facts, libs) -> tuple[str, ast.Call | None, Facts] | None:
    """("Telethon" | "Pyrogram", constructor call, its module's facts) when `receiver`
    is an MTProto client."""
    found = None
    for call, owner in origins_with(receiver, facts):
        qualified = owner.qualified(call.func)
        library = qualified.split(".")[0] in ("telethon", "pyrogram", "hydrogram")  # the base a subclass hands args to
        if last(qualified) == "TelegramClient" and "telethon" in libs:
            kind = "Telethon"
        elif last(qualified) == "Client" and "pyrogram" in libs and not qualified.startswith(tuple(DISCORD_LIBS)):
            kind = "Pyrogram"
        else:
            continue
        if library:
            return kind, call, owner
        found = found or (kind, call, owner)
    return found


def _session_hit(session, facts: Facts, note: str, extra=()) -> Hit:
    library, constructor, owner = (*session, facts)[:3]
    name = "?"
    if constructor is not None:
        arg = constructor.args[0] if constructor.args else keyword(constructor, "session") or keyword(constructor, "name")
        text = string_of(arg, owner) if arg is not None else None
        name = text if text and "{" not in text else "?"
    credentials = (*extra, *(arguments(constructor) if constructor is not None else ()))
    # an unnamed session is told apart by its library: a Pyrogram session (string) is never a
    # Telethon one, so two clients of different libraries are two logins
    key = f"mtproto:{name}" if name != "?" else f"mtproto:?:{library}"
    return Hit("session", f"MTProto session `{name}` ({library})", key, note, credentials=credentials)


def _fresh_session(session) -> bool:
    """A client on a new in-memory session (`TelegramClient(StringSession(), ...)`,
    `":memory:"`, Pyrogram `in_memory=True` without a session string): every process
    that runs it logs in with an auth key of its own, so two of them are two sessions,
    not one session used twice (no AUTH_KEY_DUPLICATED)."""
    constructor = session[1] if session else None
    if constructor is None:
        return False
    arg = constructor.args[0] if constructor.args else keyword(constructor, "session")
    if isinstance(arg, ast.Call) and chain_words(arg.func)[-1:] == ["StringSession"]:
        first = arg.args[0] if arg.args else None
        return first is None or (isinstance(first, ast.Constant) and first.value in ("", None))
    if isinstance(arg, ast.Constant) and arg.value == ":memory:":
        return True
    in_memory = keyword(constructor, "in_memory")
    return (isinstance(in_memory, ast.Constant) and in_memory.value is True
            and keyword(constructor, "session_string") is None)


def _mtproto(call, name, receiver, facts, libs):
    if not libs & MTPROTO_LIBS:
        if name not in ("start", "run", "connect", "run_until_disconnected") or receiver is None:
            return
        # `from app import bot; bot.run()` where app/__init__.py made `bot` from a Client subclass:
        # the library is the one the constructor's own module imports
        libs = libs | {_LIB_ALIASES.get(root, root) for k in origin_names(receiver, facts) if (root := k.split(".")[0])}
        if not libs & MTPROTO_LIBS:
            return
    session = _session_origin(receiver, facts, libs) if receiver is not None else None
    if _fresh_session(session):
        return
    if name == "run_until_disconnected" and "telethon" in libs:
        yield _session_hit(session or ("Telethon", None, facts), facts,
                           f"`{short(call)}` keeps the MTProto session connected", arguments(call))
    elif name in ("start", "run", "connect") and session is not None:
        yield _session_hit(session, facts, f"`{short(call)}` starts the MTProto session", arguments(call))
    elif name == "compose" and "pyrogram" in libs and receiver is None:
        yield _session_hit(("Pyrogram", None, facts), facts, f"`{short(call)}` starts Pyrogram clients")


def _beat(call, name, receiver, facts, libs):
    if name == "run" and receiver is not None and any(  # `Beat(app=app).run()`, `beat = Beat(...); beat.run()`
            last(k) == "Beat" and (k.startswith("celery") or "celery" in libs or "." not in k)
            for k in origin_names(receiver, facts)):
        yield Hit("beat", "Celery beat", "celery-beat", f"`{short(call)}` runs Celery beat in this process")
        return
    if name not in ("worker_main", "start") or "celery" not in libs:
        return
    argv = call.args[0] if call.args else keyword(call, "argv")
    words = [e.value for e in getattr(argv, "elts", []) if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    embedded = any(w in ("-B", "--beat") or (w.startswith("-") and not w.startswith("--") and "B" in w) for w in words)
    if "beat" in words or embedded:
        yield Hit("beat", "Celery beat", "celery-beat", f"`{short(call)}` runs Celery beat in this process")


def _scheduler(call, name, receiver, facts, libs):
    if name in ("start", "start_in_background", "run_until_stopped") and receiver is not None:
        for kind in origin_names(receiver, facts):
            root = kind.split(".")[0]
            if last(kind) in APSCHEDULERS and (root in ("apscheduler", "flask_apscheduler") or
                                                libs & {"apscheduler", "flask_apscheduler"}):
                label = "Flask-APScheduler" if last(kind) == "APScheduler" else f"APScheduler {last(kind)}"
                yield Hit("scheduler", label, "scheduler", f"`{short(call)}` starts {label}")
                return
    if name == "run_pending" and ("schedule" in libs or chain_words(receiver)[:1] == ["schedule"]):
        yield Hit("scheduler", "schedule loop (schedule.run_pending)", "scheduler",
                  f"`{short(call)}` runs scheduled jobs in a loop", needs_loop=True)


def _kill(call, name, receiver, facts, libs):
    if facts.qualified(call.func) not in SHELL_CALLS:
        return
    parts = call.args if name == "create_subprocess_exec" else call.args[:1] or [keyword(call, "args")]
    words: list[str] = []
    for part in parts:
        items = part.elts if isinstance(part, (ast.List, ast.Tuple)) else [part]
        words.extend(w for w in (string_of(i, facts) for i in items if i is not None) if w is not None)
    command = " ".join(words)
    if KILL_BY_NAME.search(command):
        yield Hit("kill-by-name", f"kill-by-name `{command}`", "kill-by-name",
                  f"`{short(call)}` kills other processes by name")


def _lock(call, name, receiver, facts, libs):
    qualified = facts.qualified(call.func)
    path_arg = call.args[0] if call.args else None
    how = None
    if qualified == "os.open" and len(call.args) > 1 and any(
            isinstance(n, (ast.Name, ast.Attribute)) and chain_words(n)[-1:] == ["O_EXCL"] for n in ast.walk(call.args[1])):
        how = "os.open O_EXCL"
    elif qualified in ("fcntl.flock", "fcntl.lockf", "flock", "lockf"):
        how = f"fcntl.{name}"
    elif name in LOCK_CLASSES:
        how = name
    elif name == "open" and _writes(call) and _guard_path(string_of(path_arg, facts)):
        how = "open"
    elif name in ("touch", "write_text") and _guard_path(string_of(receiver, facts)):
        how = name
        path_arg = receiver
    if how is None:
        return
    path = string_of(path_arg, facts) if path_arg is not None else None
    if path and not any(c in path for c in "/.") and not _guard_path(path):
        path = None  # `fcntl.flock(handle.fileno(), ...)` resolved to the open mode (`w+`): no file name
    what = f"lock file {path}" if path else f"lock file ({how})"
    yield Hit("lock-file", what, "lock-file", f"`{short(call)}` takes a local {what}")


SQL_LOCKS = lazy_re(r"\b(pg_try_advisory_lock|pg_advisory_lock|get_lock)\s*\(", re.IGNORECASE)
REDLOCKS = frozenset({"Redlock", "Aioredlock", "RedLock", "RedisLock"})


def _shared_lock(call, name, receiver, facts, libs):
    """A lock every copy sees (a Redis `SET key value NX` lease, a redis-py `lock()`,
    Redlock, a Postgres/MySQL advisory lock): code that takes it before starting a
    singleton runs the singleton in one copy at a time (python_leader)."""
    what = None
    if name == "set" and is_true(keyword(call, "nx")):
        what = "a Redis `SET NX` lease"
    elif name in ("setnx", "set_nx"):
        what = "a Redis `SETNX` lease"
    elif name in REDLOCKS or (name == "Lock" and facts.qualified(call.func).startswith(("redis_lock.", "pottery.",
                                                                                       "sherlock."))):
        what = f"a Redis lock ({name})"
    elif name in ("pg_try_advisory_lock", "pg_advisory_lock", "advisory_lock"):
        what = "a database advisory lock"  # SQLAlchemy `func.pg_try_advisory_lock(1)`, django-pglocks
    elif name == "lock" and receiver is not None and libs & {"redis", "aioredis", "coredis", "valkey"}:
        what = "a Redis lock (`lock()`)"
    elif name in ("execute", "fetchval", "fetchrow", "fetch", "scalar", "exec_driver_sql", "fetchone", "fetch_val"):
        for arg in call.args[:1]:
            text = string_of(arg.args[0] if isinstance(arg, ast.Call) and arg.args else arg, facts)
            if text and SQL_LOCKS.search(text):
                what = "a database advisory lock"
    if what is not None:
        yield Hit("shared-lock", what, "shared-lock", f"`{short(call)}` takes {what}")


def _writes(call: ast.Call) -> bool:
    mode = call.args[1] if len(call.args) > 1 else keyword(call, "mode")
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and bool(set(mode.value) & set("wxa"))


def _guard_path(path: str | None) -> bool:
    if not path:
        return False
    lowered = path.lower()
    return lowered.endswith((".lock", ".pid", ".lck")) or (
        lowered.startswith("/tmp/") and ("lock" in lowered or "pid" in lowered))


def _signals(call, name, receiver, facts, libs):
    if name in ("signal", "add_signal_handler") and call.args:
        sig = chain_words(call.args[0])[-1:] or [""]
        if sig[0] in STOP_SIGNALS:
            yield Hit("stop-signal", f"{sig[0]} handler ({name})", "stop-signal",
                      f"`{short(call)}` handles {sig[0]}")
    for option in ("stop_signals", "handle_signals"):
        value = keyword(call, option)
        if value is not None and not (isinstance(value, ast.Constant) and value.value in (None, False, ())):
            yield Hit("stop-signal", f"`{option}=` passed to {name}", "stop-signal",
                      f"`{short(call)}` sets {option}")
            return
        if value is not None:
            return  # `stop_signals=None`, `handle_signals=False`: no handler
    # the libraries' defaults: python-telegram-bot's run_polling (and v13 `Updater.idle()`)
    # stops on SIGINT/SIGTERM/SIGABRT (`stop_signals`), aiogram 3's Dispatcher.start_polling /
    # run_polling on SIGINT/SIGTERM (`handle_signals=True`)
    default = library = None
    if "telegram" in libs and name in ("run_polling", "idle") and receiver is not None:
        default, library = "stop_signals", "telegram"
    elif "aiogram" in libs and name in ("start_polling", "run_polling") and receiver is not None \
            and chain_words(receiver)[-1:] != ["executor"]:
        default, library = "handle_signals", "aiogram"
    if library is not None and library in _library_roots(receiver, facts):
        yield Hit("stop-signal", f"{name} (stops on SIGTERM by default: `{default}`)", "stop-signal",
                  f"`{short(call)}` stops polling on SIGTERM (the library's default `{default}`)")


def _library_roots(receiver, facts: Facts) -> set[str]:
    """The packages a receiver is built from (`Application.builder()...build()`: "telegram")."""
    return {n.split(".")[0] for n in origin_names(receiver, facts)}


def _reloader(call, name, receiver, facts, libs):
    debug, reloader = keyword(call, "debug"), keyword(call, "use_reloader")
    if name in ("run", "run_simple") and (is_true(reloader) or (is_true(debug) and reloader is None)):
        yield Hit("reloader", "dev reloader (the module runs twice)", "reloader",
                  f"`{short(call)}` starts a reloader that runs the module a second time")
    elif facts.qualified(call.func) == "uvicorn.run" and is_true(keyword(call, "reload")):
        yield Hit("reloader", "uvicorn reloader", "reloader", f"`{short(call)}` runs the app under a reloader")
