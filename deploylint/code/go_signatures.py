"""Telegram and Discord bot signatures in Go (see /work/shared/SIGNATURES.md).

A call counts in a file that imports the library (the method names are the library's;
the receiver's type is not worked out):
- go-telegram-bot-api (`tgbotapi`): `GetUpdatesChan(...)`, `GetUpdates(...)` inside a
  `for` loop: polling; `ListenForWebhook`, `NewWebhook`, `SetWebhook`: a webhook.
- telebot (gopkg.in/telebot.v3/v4, tucnak/telebot.v2): `b.Start()` polls unless the bot's
  `Settings{Poller: ...}` is a `Webhook`: telebot's default poller is a LongPoller.
- github.com/go-telegram/bot: `b.Start(ctx)` polls, `b.StartWebhook(ctx)` serves a webhook.
- gotgbot: `updater.StartPolling(...)` polls, `updater.StartWebhook(...)` is a webhook.
- telego: `UpdatesViaLongPolling(...)` polls, `UpdatesViaWebhook(...)` is a webhook.
- discordgo: `dg.Open()` connects to the Discord gateway.
The token is the environment variable the constructor reads (`os.Getenv("TELEGRAM_TOKEN")`,
directly, through a variable of the same function, or a `Token:` setting).
"""
from __future__ import annotations

import functools
import re

from ..patterns import lazy_re
from ..record import dataclass

_VERSION = lazy_re(r"v\d+")
_GETENV = lazy_re(r"os\.(?:Getenv|LookupEnv)\(\s*\"([A-Za-z_][A-Za-z0-9_]*)\"", needs=("os.",))
_WEBHOOK_LITERAL = lazy_re(r"\bWebhook\s*\{", needs=("Webhook",))
MAX_TEXT = 4000  # characters of a function read when resolving a token variable


@dataclass(frozen=True)
class Library:
    key: str  # how an import path names it (a substring)
    label: str  # "go-telegram-bot-api"
    family: str  # "telegram", "discord"
    polling: tuple  # method names that start polling (or the gateway)
    webhook: tuple  # method names that set up a webhook
    constructors: tuple  # calls whose arguments hold the token
    alias: str = ""  # the package name when the import path's last element is not it


LIBRARIES = (
    Library("telegram-bot-api", "go-telegram-bot-api", "telegram", ("GetUpdatesChan", "GetUpdates"),
            ("ListenForWebhook", "ListenForWebhookRespReqFormat", "NewWebhook", "NewWebhookWithCert", "SetWebhook"),
            ("NewBotAPI", "NewBotAPIWithClient", "NewBotAPIWithAPIEndpoint"), "tgbotapi"),
    Library("telebot", "telebot", "telegram", ("Start",), (), ("NewBot",), "telebot"),
    Library("github.com/go-telegram/bot", "go-telegram/bot", "telegram", ("Start",), ("StartWebhook",), ("New",), "bot"),
    Library("gotgbot", "gotgbot", "telegram", ("StartPolling",), ("StartWebhook", "AddWebhook"), ("NewBot",)),
    Library("github.com/mymmrac/telego", "telego", "telegram", ("UpdatesViaLongPolling", "UpdatesViaLongPollingWithContext"),
            ("UpdatesViaWebhook",), ("NewBot",), "telego"),
    Library("github.com/bwmarrin/discordgo", "discordgo", "discord", ("Open",), (), ("New",), "discordgo"),
)


def default_alias(path: str) -> str:
    """The name a Go file uses for an import without an explicit one: the package name,
    which for the bot libraries is not always the path's last element."""
    for library in LIBRARIES:
        if library.alias and library.key in path and (library.key != "github.com/go-telegram/bot"
                                                       or path.rstrip("/") == library.key):
            return library.alias
    parts = [p for p in path.split("/") if p]
    if len(parts) > 1 and _VERSION.fullmatch(parts[-1]):
        parts.pop()
    last = parts[-1] if parts else path
    last = last.split(".v")[0] if last.count(".v") == 1 else last  # gopkg.in/yaml.v3
    return last.removeprefix("go-").removesuffix("-go").replace("-", "")


@dataclass(frozen=True)
class Hit:
    kind: str
    singleton: str
    family: str
    line: int
    column: int
    note: str
    token: str = ""


def _libraries(imports: dict) -> list[Library]:
    paths = list(imports.values())
    found = []
    for library in LIBRARIES:
        if library.key == "github.com/go-telegram/bot":
            if any(p.rstrip("/") == library.key for p in paths):
                found.append(library)
        elif any(library.key in p for p in paths):
            found.append(library)
    return found


def detect(program, function, nodes: list) -> list:
    """(Hit, call node) for the signatures among the call expressions `nodes` of `function`."""
    from ..treesitter import node_text

    libraries = _libraries(function.imports)
    if not libraries:
        return []
    hits: list[tuple[Hit, object]] = []
    for node in nodes:
        if node.type != "call_expression":
            continue
        callee = node.child_by_field_name("function")
        if callee is None:
            continue
        name = node_text(callee.child_by_field_name("field")) if callee.type == "selector_expression" \
            and callee.child_by_field_name("field") is not None else node_text(callee)
        arguments = node.child_by_field_name("arguments")
        count = len(arguments.named_children) if arguments is not None else 0
        maker = _maker(program, function, callee.child_by_field_name("operand")) if callee.type == "selector_expression" else None
        if maker == "repository":
            continue  # `bot := telegram.NewBot(...)` then `bot.Start()`: the repository's own wrapper
        for library in libraries:
            if maker is not None and library.key not in maker:
                continue  # `c := cron.New()` then `c.Start()`: another package's value
            hit = _one(program, function, library, node, callee, name, count)
            if hit is not None:
                hits.append((hit, node))
                break
    return hits


def _maker(program, function, operand) -> str | None:
    """The import path of the package whose function made `x` in `x.Start()` (`x :=
    cron.New()`, `x, err := tele.NewBot(...)`, `x := &telegram.Bot{}`), "repository" for
    the repository's own packages, None when not written in this function."""
    from ..treesitter import node_text

    if operand is None or operand.type != "identifier":
        return None
    package = _assigned(_text(function.node)).get(node_text(operand))
    if package is None:
        return None
    path = function.imports.get(package)
    if path is None:
        return None
    return "repository" if program.import_dir(path) is not None else path


_ASSIGNED = lazy_re(r"\b(\w+)(?:\s*,\s*(\w+))?\s*:?=\s*&?(\w+)\.")


@functools.lru_cache(maxsize=64)
def _assigned(text: str) -> dict[str, str]:
    """Each name's first `name := pkg.` (`x, err := pkg.`) in a function's text: one pass
    per function, not one search per call (3,000 calls in one function were quadratic)."""
    made: dict[str, str] = {}
    for match in _ASSIGNED.finditer(text):
        for name in match.group(1, 2):
            if name:
                made.setdefault(name, match.group(3))
    return made


def _one(program, function, library: Library, node, callee, name: str, count: int) -> Hit | None:
    from ..treesitter import node_text

    line, column = node.start_point[0] + 1, node.start_point[1] + 1
    what = f"`{node_text(callee)[:60]}()`"
    if library.label == "telebot":
        if name != "Start" or count != 0 or callee.type != "selector_expression":
            return None
        poller = _telebot_poller(function)
        token = _token(program, function, library)
        if poller == "webhook":
            return Hit("webhook", "Telegram webhook (telebot)", "telegram", line, column,
                       f"{what} serves a Telegram webhook (telebot `Poller: &Webhook{{...}}`)", token)
        how = "its Settings name a LongPoller" if poller == "polling" else "telebot polls when Settings set no Poller"
        return Hit("polling", "Telegram polling (telebot)", "telegram", line, column,
                   f"{what} starts Telegram polling (telebot; {how})", token)
    if library.label == "go-telegram/bot" and name == "Start" and count != 1:
        return None
    if library.label == "discordgo" and (name != "Open" or count != 0):
        return None
    if name in library.webhook and name not in ("NewWebhook", "NewWebhookWithCert") or (
            name in ("NewWebhook", "NewWebhookWithCert") and callee.type == "selector_expression"):
        return Hit("webhook", f"Telegram webhook ({library.label})", library.family, line, column,
                   f"{what} sets up a Telegram webhook ({library.label})", _token(program, function, library))
    if name not in library.polling:
        return None
    if name == "GetUpdates" and not in_loop(node, function.node):
        return None  # one getUpdates call (a chat id lookup) is not a poller
    token = _token(program, function, library)
    if library.family == "discord":
        return Hit("gateway", "Discord gateway (discordgo)", "discord", line, column,
                   f"{what} connects to the Discord gateway (discordgo)", token or "")
    return Hit("polling", f"Telegram polling ({library.label})", "telegram", line, column,
               f"{what} starts Telegram polling ({library.label})", token)


def raw_getupdates(function, nodes: list) -> list:
    """(Hit, call node) for calls that send a hand-written getUpdates request (the method
    name in a string literal or a package constant among the arguments: `http.Get(api +
    "/getUpdates?offset=" + ...)`, `c.do(getUpdatesMethod, q)`). The caller keeps those in a
    loop (here, or around a call site on the way from `main()`): one call is a lookup."""
    from ..treesitter import node_text

    consts = [name for name, value in function.package.consts.items() if "getUpdates" in value]
    out = []
    for node in nodes:
        if node.type != "call_expression" or len(out) >= 20:
            continue
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            continue
        text = node_text(arguments)[:2000]
        named = next((c for c in consts if re.search(r"\b" + re.escape(c) + r"\b", text)), None)
        if named is None and not re.search(r"[\"`][^\"`]*getUpdates", text):
            continue  # no literal method name (`getUpdatesCount` is a Go identifier)
        callee = node.child_by_field_name("function")
        what = f"`{node_text(callee)[:60]}(...)`" if callee is not None else "a call"
        match = _GETENV.search(text)
        out.append((Hit("polling", "Telegram polling (raw getUpdates loop)", "telegram", node.start_point[0] + 1,
                        node.start_point[1] + 1, f"{what} requests getUpdates in a loop (a hand-written poller)",
                        match.group(1) if match else ""), node))
    return out


def in_loop(node, stop) -> bool:
    current = node.parent
    for _ in range(200):
        if current is None or current == stop:
            return False
        if current.type == "for_statement":
            return True
        if current.type == "func_literal":
            return False
        current = current.parent
    return False


def _telebot_poller(function) -> str:
    """"webhook" when the bot's Settings choose a telebot Webhook (and no LongPoller),
    "polling" for a LongPoller, "" when no Poller is set (telebot's default polls). The
    Settings are looked for in the files of the function's package."""
    texts = [_text(f.node) for f in _package_functions(function)]
    joined = "\n".join(texts)
    webhook = _WEBHOOK_LITERAL.search(joined) is not None
    polling = "LongPoller" in joined
    if webhook and not polling:
        return "webhook"
    return "polling" if polling else ""


def _package_functions(function) -> list:
    package = function.package
    out = [function]
    out.extend(list(package.functions.values())[:200])
    out.extend(package.starts[:200])
    return out


def _text(node) -> str:
    from ..treesitter import node_text

    return node_text(node)[:20000]


def _token(program, function, library: Library) -> str:
    """The environment variable the library's constructor reads its token from, if it is
    written in this package: `NewBotAPI(os.Getenv("T"))`, `token := os.Getenv("T")` then
    `NewBotAPI(token)`, `Settings{Token: os.Getenv("T")}`."""
    for candidate in _package_functions(function):
        text = _text(candidate.node)
        for constructor in library.constructors:
            at = text.find(constructor + "(")
            if at < 0:
                continue
            window = text[at: at + 400]
            match = _GETENV.search(window)
            if match:
                return match.group(1)
            inner = window[len(constructor) + 1:].split(")")[0].split(",")[0].strip()
            if library.label == "telebot":
                token_at = text.find("Token:")
                inner = text[token_at + 6: token_at + 200].split(",")[0].split("\n")[0].strip() if token_at >= 0 else ""
                match = _GETENV.search(inner)
                if match:
                    return match.group(1)
            if inner.isidentifier():
                found = re.search(r"\b" + re.escape(inner) + r"\s*:?=\s*os\.(?:Getenv|LookupEnv)\(\s*\"([A-Za-z_][A-Za-z0-9_]*)\"",
                                  text[:MAX_TEXT * 4])
                if found:
                    return found.group(1)
    return ""
