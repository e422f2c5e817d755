"""Which modules the reachability walk must enter: the ones that can lead to a fact.

A module's top level and functions can only produce evidence (js_bots, js_traps,
js_spawn, js_nest) through calls whose names, packages or strings are written in some
file: a bot library, a scheduler, child_process/cluster/worker_threads, an exec, a lock
or pid file, a SIGTERM handler, a polling method. A module is *relevant* when its raw
text contains one of those words, or when it imports (statically, by side effect,
re-export, `require()` or `import()`, through the same resolver the walk uses) a
relevant module: a fixed point over the import graph read from the raw text, so a
module the walk would enter through any chain of imports, re-exports, callbacks,
methods joined by name or framework hooks that ends in a fact is relevant. Every path
the walk takes from a relevant unit into another module follows an import of its module
(functions by name, `new X()`, `obj.method()` on an imported object or a class defined
by an imported module, `require('./x')(bot)`), so skipping irrelevant modules changes no
evidence, no trace and no walk order among the units that remain.

Modules are still loaded on demand for their values (a token in a config module), which
the detectors ask for by name; only the walk into an irrelevant module is skipped, so
it is never parsed unless a value is needed from it.

The import specifiers are found by a regular expression over the text, a superset of
what the parser sees (a specifier in a comment or a string is followed too: that can only
keep more modules).
"""
from __future__ import annotations

import posixpath
import re
from collections import deque

from ..repo import Repo
from ..patterns import lazy_re

# A fact needs one of these written in the module (or in a module it imports). The text
# is lowered once; each word is a substring search in C, and the few that need a word
# boundary or a quote are confirmed by a regular expression only where the substring is.
_LITERALS = (
    "telegraf", "grammy", "node-telegram-bot-api", "telegrambot", "discord.js", "@discord-nestjs", "necord",  # bot libraries
    "discord-akairo", "@sapphire/framework", "discordx",  # discord.js frameworks (discord.js-commando: above)
    "telegramclient",  # GramJS (MTProto sessions)
    "oceanic.js",  # Discord gateway (Eris: _CONFIRMED)
    "tmi.js", "@twurple/chat",  # Twitch chat (js_twitch)
    "whatsapp-web.js", "baileys", "venom-bot", "wppconnect", "wa-automate",  # WhatsApp Web sessions (js_whatsapp)
    "@bot-whatsapp/", "@builderbot/",  # BuilderBot providers
    "@nestjs/core", "nest-commander",  # Nest bootstraps (js_nest)
    "startpolling", "processupdate", "startwebhook", "createwebhook", "webhookcallback", "setwebhook", "openwebhook",
    "node-cron", "node-schedule", "cronjob", "@nestjs/schedule", "croner",  # schedulers (js_traps)
    "toad-scheduler", "bree", "@fastify/schedule", "fastify-schedule", "intervaljob",  # toad-scheduler: addSimpleIntervalJob, addCronJob
    "getupdates",  # a hand-written long-polling loop (js_raw)
    "lockfile", "sigterm",  # lock files, SIGTERM handlers (js_traps)
)
# (word, what must come right before it, a regular expression that must match where it is)
_IDENT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_$")
_QUOTES = frozenset("'\"`")
_CONFIRMED = (
    ("launch", _IDENT, re.compile(r"launch(?![\w$])")),  # Telegraf's bot.launch()
    ("cron", None, re.compile(r"cron['\"`]")),  # the `cron` package (after a quote)
    ("child_process", None, re.compile(r"child_process\b")),  # programs this one starts (js_spawn)
    ("cluster", None, re.compile(r"cluster\b")),
    ("eris", None, re.compile(r"eris\b")),  # the Eris Discord library
    ("worker_threads", None, re.compile(r"worker_threads\b")),
    ("execa", None, re.compile(r"execa\b")),
    ("cross-spawn", None, re.compile(r"cross-spawn\b")),
    ("exec", _IDENT, re.compile(r"exec(?:sync|file(?:sync)?|a(?:sync|command(?:sync)?)?)?(?![\w$])")),  # kill-by-name
    ("spawn", _IDENT, re.compile(r"spawn(?:sync)?(?![\w$])")),
    ("open", _IDENT, re.compile(r"open(?:sync)?\s*\(")),  # lock and pid files
    ("writefile", None, re.compile(r"writefile(?:sync)?\s*\(")),
    ("outputfile", None, re.compile(r"outputfile(?:sync)?\s*\(")),
)
# the package names must be written as an import's specifier: right after a quote (or `node:`)
_PACKAGE_WORDS = frozenset({"cron", "child_process", "cluster", "worker_threads", "execa", "cross-spawn", "eris"})
# grammY's `bot.start()` and discord.js's `client.login()` are recognised by the
# receiver's name (js_bots.BOTLIKE) when the program uses the library anywhere.
_GENERIC_METHODS = ("start", "login", "handleupdate")
_GENERIC_CALLS = tuple(re.compile(word + r"[\w$.?!\s\[\]]{0,200}?\.\s*(?:start|login|handleupdate)\s*\(")
                       for word in ("bot", "client"))
# `from 'x'`, `import 'x'`, `require('x')`, `import('x')`, `export * from 'x'`: one
# expression per keyword, each starting with its literal (searched in C)
_SPECIFIERS = tuple(re.compile(keyword + r"""\s*\(?\s*(['"`])([^'"`\n]{1,400})\1""")
                    for keyword in ("from", "import", "require"))


def direct(text: str) -> bool:
    """The module's own text can produce a fact."""
    text = text.lower()
    if any(word in text for word in _LITERALS):
        return True
    for word, not_after, pattern in _CONFIRMED:
        if word in text and _confirmed(text, word, not_after, pattern):
            return True
    return any(word in text for word in _GENERIC_METHODS) and any(
        word in text and pattern.search(text) for word, pattern in zip(("bot", "client"), _GENERIC_CALLS))


def _confirmed(text: str, word: str, not_after, pattern) -> bool:
    for match in pattern.finditer(text):
        at = match.start()
        before = text[at - 1] if at else ""
        if word in _PACKAGE_WORDS:
            if before in _QUOTES or (at >= 6 and text[at - 5:at] == "node:" and text[at - 6] in _QUOTES):
                return True
        elif not_after is None or before not in not_after:
            return True
    return False


# `import type {A} from 'x'`, `import type A from 'x'`, `export type {A} from 'x'`: TypeScript
# erases these statements, so the module they name is not loaded (`import type from 'x'`
# imports a default export named `type`, and is kept)
_TYPE_ONLY = lazy_re(r"""(?:import|export)\s+type\s+(?!from\b)(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+)\s*from\s*(['"])[^'"\n]{1,400}\1""")


# `require(path.join(__dirname, 'lib', 'bot'))`, `import(path.resolve(__dirname, '../x'))`,
# `` require(`${__dirname}/bot`) ``: spelled here as './lib/bot' (js_expr.source_of reads
# the same calls with the value reader). Any other computed argument (`require(file)`,
# `` require(`./${name}`) ``) makes the module relevant: the parser may spell it, this cannot.
_COMPUTED = tuple(lazy_re(keyword + r"""\s*\(\s*(?=[^\s'"])""") for keyword in ("require", "import"))  # literal first: a fast search
_DIRNAME_CALL = lazy_re(r"""(?:path\s*\.\s*)?(?:join|resolve)\s*\(\s*__dirname\s*((?:,\s*(['"])[^'"\n]{0,200}\2\s*){1,8})\)""")
_DIRNAME_TEMPLATE = lazy_re(r"""`\$\{\s*__dirname\s*\}([^`$\n]{1,400})`""")
_QUOTED = lazy_re(r"""(['"])([^'"\n]{0,200})\1""")


def specifiers(text: str) -> list[str]:
    return _specifiers(text)[0]


def _specifiers(text: str) -> tuple[list[str], bool]:
    """The specifiers the text imports, and whether it also imports one computed in a way
    this cannot spell."""
    if "type" in text:
        text = _TYPE_ONLY.sub("", text)
    found = []
    for pattern in _SPECIFIERS:
        found += [m.group(2) for m in pattern.finditer(text)]
    dynamic = False  # templates with substitutions are read below (and do not resolve as found)
    for keyword, pattern in zip(("require", "import"), _COMPUTED):
        if keyword + "(" not in text and keyword + " (" not in text:
            continue
        for match in pattern.finditer(text):
            spec = _dirname_spec(text, match.end())
            if spec is None:
                dynamic = True
            else:
                found.append(spec)
    return list(dict.fromkeys(found)), dynamic


def _dirname_spec(text: str, at: int) -> str | None:
    """'./lib/bot' for the `path.join(__dirname, ...)` or `${__dirname}/...` argument at `at`."""
    call = _DIRNAME_CALL.match(text, at)
    if call is not None:
        joined = "/".join(m.group(2) for m in _QUOTED.finditer(call.group(1)) if m.group(2))
    else:
        template = _DIRNAME_TEMPLATE.match(text, at)
        joined = template.group(1).lstrip("/") if template is not None else ""
    joined = posixpath.normpath(joined) if joined else ""
    if not joined or joined == "." or joined.startswith("/"):
        return None
    return joined if joined.startswith("../") or joined == ".." else "./" + joined


class Relevance:
    """The relevant modules among those reachable by import from the paths asked about."""

    def __init__(self, repo: Repo, resolve):
        self.repo = repo
        self.resolve = resolve  # (from_path, specifier) -> repo path or None
        self.imports: dict[str, list[str]] = {}  # path -> repo paths its text imports
        self.direct: set[str] = set()
        self.relevant: set[str] = set()
        self.texts_read = 0  # the regression tests count them

    def __call__(self, path: str | None) -> bool:
        if path is None:
            return False
        if path not in self.imports:
            self._extend(path)
        return path in self.relevant

    def _extend(self, start: str) -> None:
        """Read the import graph from `start` (the files not read yet), then the relevant
        set again: every file that reaches a directly relevant one."""
        queue = deque([start])
        self.imports[start] = []
        while queue:
            path = queue.popleft()
            text = self.repo.read_text(path)
            self.texts_read += 1
            if text is None:
                continue
            found, dynamic = _specifiers(text)
            if dynamic or direct(text):  # a computed import may lead anywhere
                self.direct.add(path)
            targets = []
            for spec in found:
                target = self.resolve(path, spec)
                if target is not None and target != path:
                    targets.append(target)
                    if target not in self.imports:
                        self.imports[target] = []
                        queue.append(target)
            self.imports[path] = targets
        importers: dict[str, list[str]] = {}
        for path, targets in self.imports.items():
            for target in targets:
                importers.setdefault(target, []).append(path)
        relevant = set(self.direct)
        queue = deque(relevant)
        while queue:
            for importer in importers.get(queue.popleft(), ()):
                if importer not in relevant:
                    relevant.add(importer)
                    queue.append(importer)
        self.relevant = relevant
