"""Deno imports name packages by URL or with npm:/jsr: prefixes; the JS reader sees the
package they fetch (js_module.package_name / fetched)."""
from __future__ import annotations

import pytest

from deploylint.code.js_module import fetched, package_name


@pytest.mark.parametrize("source,package", [
    ("node:child_process", "child_process"),
    ("npm:grammy@1.30.0", "grammy"),
    ("npm:grammy@^1.30/web", "grammy"),
    ("npm:@grammyjs/runner@2.0.3", "@grammyjs/runner"),
    ("jsr:@std/log@0.224", "@std/log"),
    ("https://deno.land/x/grammy@v1.21.1/mod.ts", "grammy"),
    ("https://deno.land/x/grammy/mod.ts", "grammy"),
    ("https://deno.land/x/grammy_runner@v2.0.3/mod.ts", "@grammyjs/runner"),
    ("https://esm.sh/grammy@1.30.0", "grammy"),
    ("https://esm.sh/grammy?target=deno", "grammy"),
    ("https://esm.sh/@grammyjs/runner@2?target=deno", "@grammyjs/runner"),
    ("https://cdn.skypack.dev/telegraf", "telegraf"),
    ("https://cdn.jsdelivr.net/npm/discord.js@14/+esm", "discord.js"),
    ("telegraf", "telegraf"),
])
def test_package_of_an_import(source, package):
    assert package_name(source) == package


def test_relative_and_plain_specifiers_are_kept():
    assert fetched("./deps.ts") == "./deps.ts"
    assert fetched("grammy") == "grammy"
    assert fetched("https://example.com/" + "a" * 1000) == "https://example.com/" + "a" * 1000  # too long: as written
