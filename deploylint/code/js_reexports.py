"""Library names re-exported by a module of the repository.

A deps file or barrel index often re-exports the bot library's class or function:
`export { Bot } from "grammy"` (Deno's deps.ts convention), `import { Telegraf } from
"telegraf"; export { Telegraf }`, `export { run } from "@grammyjs/runner"`. A module that
imports the name from that file (`import { Bot } from "./deps.ts"`) then constructs the
library's class. The detectors key on an import's package, so such an import is rewritten
to the package binding it stands for (`Binding("grammy", "Bot")`), following up to
MAX_HOPS re-exporting modules. Only the names the detectors look up are followed
(FOLLOWED) when a module is loaded; js_bots follows any other name (`export { Client as
GuildLink }`) where it constructs a class (package_binding).
"""
from __future__ import annotations

from .js_bot_tables import CLASSES
from .js_module import Binding, Module

MAX_HOPS = 4
FOLLOWED = frozenset({n for names in CLASSES.values() for n in names if n and n != "default"}
                     | {"run", "makeWASocket", "CronJob", "Cron"})


MAX_NESTED = 4  # modules loaded by flatten while flattening another (a chain of files re-importing a name)


def flatten(program, module: Module) -> None:
    """Rewrite `module`'s imports of FOLLOWED names from repository files that re-export a
    package's name into imports from the package."""
    depth = getattr(program, "_flatten_depth", 0)
    if depth >= MAX_NESTED:
        return
    program._flatten_depth = depth + 1
    try:
        for local, binding in list(module.imports.items()):
            if binding.name not in FOLLOWED or not binding.relative:
                continue
            found = package_binding(program, module, binding)
            if found is not None:
                module.imports[local] = found
                module.packages.add(found.source)
    finally:
        program._flatten_depth = depth


def package_binding(program, module: Module, binding: Binding):
    """The package binding a relative import stands for through re-exports, or None."""
    owner, name, source = module, binding.name, binding.source
    for _ in range(MAX_HOPS):
        path = program.resolved(owner.path, source)
        target = program.module(path) if path is not None and path != owner.path else None
        if target is None:
            return None
        value = target.exports.get(name)
        if isinstance(value, str):  # `import { Bot } from "grammy"; export { Bot }`
            value = target.imports.get(value)
        if not isinstance(value, Binding) or value.name is None:
            return None
        if not value.relative:
            return value
        owner, name, source = target, value.name, value.source
    return None
