"""Deno (and Bun) module specifiers that name an npm package by URL or scheme.

Deno imports packages as `npm:grammy@1.30`, `jsr:@grammyjs/runner`, or by URL from its
registry (`https://deno.land/x/grammy@v1.30.0/mod.ts`, the grammY runner as
`https://deno.land/x/grammy_runner/mod.ts`) or a CDN (`https://esm.sh/telegraf@4`). The
bot tables are keyed by npm package name, so each such specifier becomes the package it
stands for (https://docs.deno.com/runtime/fundamentals/modules/). A deps.ts that
re-exports them (`export { Bot } from "https://deno.land/x/grammy/mod.ts"`) is handled
the same way, since its export bindings are renamed too.
"""
from __future__ import annotations

from ..patterns import lazy_re
from .js_module import Binding, Module

MARKERS = (b"npm:", b"jsr:", b"deno.land/x/", b"esm.sh/", b"cdn.skypack.dev/", b"unpkg.com/", b"jsdelivr.net/npm/")
# deno.land/x modules whose npm package has another name
DENO_X = {"grammy_runner": "@grammyjs/runner", "grammy_conversations": "@grammyjs/conversations",
          "grammy_menu": "@grammyjs/menu", "grammy_types": "@grammyjs/types", "telegram": "telegram",
          "discord_js": "discord.js", "node_cron": "node-cron"}
_SCHEME = lazy_re(r"^(?:npm|jsr):/?((?:@[\w.-]+/)?[\w.-]+)")
_DENO_X = lazy_re(r"^https?://deno\.land/x/([\w.-]+?)(?:@[^/]*)?(?:/|$)")
_CDN = lazy_re(r"^https?://(?:esm\.sh|cdn\.skypack\.dev|unpkg\.com|cdn\.jsdelivr\.net/npm)/((?:@[\w.-]+/)?[\w.-]+?)(?:@[^/]*)?(?:/|$|\?)")


def package_of(source: str) -> str | None:
    """The npm package a Deno specifier stands for, or None for anything else."""
    if len(source) > 500:
        return None
    match = _SCHEME.match(source)
    if match:
        return match.group(1)
    match = _DENO_X.match(source)
    if match:
        name = match.group(1)
        return DENO_X.get(name, name)
    match = _CDN.match(source)
    return match.group(1) if match else None


def rename(module: Module) -> None:
    """Rewrite the module's package imports and re-exports to npm package names."""
    if not any(marker in module.source for marker in MARKERS):
        return
    for name, binding in list(module.imports.items()):
        package = package_of(binding.source)
        if package:
            module.imports[name] = Binding(package, binding.name)
            module.packages.add(package)
    for name, value in list(module.exports.items()):
        if isinstance(value, Binding):
            package = package_of(value.source)
            if package:
                module.exports[name] = Binding(package, value.name)
    for source in list(module.packages):
        package = package_of(source)
        if package:
            module.packages.discard(source)
            module.packages.add(package)
    module.star_sources = [package_of(s) or s for s in module.star_sources]
