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

import re
from collections import deque

from ..repo import Repo

# A fact needs one of these written in the module (or in a module it imports).
_WORDS = re.compile(
    r"telegraf|grammy|telegram|discord|necord|@nestjs/core|nest-commander"  # bot libraries, Nest bootstrap
    r"|launch|polling|webhook|processUpdate"  # bot methods that need no library name (Telegraf/ntba/grammY)
    r"|cron|schedule"  # node-cron, cron (CronJob), node-schedule
    r"|child_process|cross-spawn|execa|cluster|worker_threads"  # programs this one starts
    r"|\bexec|\bspawn|\bfork"  # kill-by-name through an exec
    r"|\bopen(?:Sync)?\b|writeFile|outputFile|lockfile"  # lock and pid files
    r"|SIGTERM",
    re.IGNORECASE,
)
# grammY's `bot.start()` and discord.js's `client.login()` are recognised by the
# receiver's name: both words must be there.
_GENERIC_METHOD = re.compile(r"\b(?:start|login|handleUpdate)\b")
_BOTLIKE = re.compile(r"bot|client", re.IGNORECASE)
# `from 'x'`, `import 'x'`, `require('x')`, `import('x')`, `export * from 'x'`
_SPECIFIER = re.compile(r"""(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])([^'"`\n]{1,400})\1""")


def direct(text: str) -> bool:
    """The module's own text can produce a fact."""
    if _WORDS.search(text):
        return True
    return bool(_GENERIC_METHOD.search(text) and _BOTLIKE.search(text))


def specifiers(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(2) for m in _SPECIFIER.finditer(text)))


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
            if direct(text):
                self.direct.add(path)
            targets = []
            for spec in specifiers(text):
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
