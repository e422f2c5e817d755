"""Round 15 (Node): valid JS/TS forms tree-sitter's grammars reject are parsed from a
masked copy (js_syntax), so they are no DPL001; real syntax errors still are."""
from __future__ import annotations

import pytest

from deploylint.code.js_syntax import first_error, parse


@pytest.mark.parametrize("language, code", [
    ("typescript", "abstract class C { public abstract async run(): Promise<void>; go() {} }"),
    ("typescript", "interface I<in T, out U> { }"),
    ("typescript", "interface I<in T = unknown, out R = void> { }"),
    ("typescript", "interface I<in out T> { }"),
    ("typescript", "class C { static accessor y = 2; }"),
    ("typescript", "class C { static readonly [k: string]: number; }"),
    ("typescript", "const r = await q<{\n  a: string\n  in_app: boolean\n}>(x);"),
    ("typescript", "interface P {\n\tname: string\n\tin: 'path' | 'query'\n\trequired?: boolean\n}"),
    ("typescript", "function f(p: import('./x.js').Pattern[]): void {}"),
    ("typescript", "const m = await importOriginal<typeof import('./drift.server')>();"),
    ("typescript", "const s = 'a\x00b';"),
    ("tsx", "const a = <h2>Sessions & devices</h2>;"),
    ("tsx", "const a = <a href=\"https://x.example/auth?id=1&scope=bot\">add</a>;"),
    ("javascript", "const a = <h2>Sessions & devices &amp; more</h2>;"),
    ("javascript", "const a = <Collapse in={open}><div /></Collapse>;"),
    ("javascript", "class C {\n  x = 1\n  in_progress = false\n}"),
])
def test_valid_forms_parse_cleanly(language, code):
    assert first_error(parse(language, code.encode()).root_node, language != "javascript") is None


@pytest.mark.parametrize("language, code", [
    ("typescript", "const = ;"),
    ("javascript", "function ( {"),
    ("typescript", "class C { async async x() }"),  # only `abstract async` is let through
    ("typescript", "const o = {\n  a: 1,\n  in_app: true,\n  b c d\n};"),
])
def test_real_errors_stay(language, code):
    assert first_error(parse(language, code.encode()).root_node, language != "javascript") is not None


def test_masking_keeps_offsets_and_values():
    code = "const o = {\n  a: 1,\n  in_app: true,\n}\ninterface P {\n  a: string\n  in_x: number\n}\nbot.launch();\n"
    tree = parse("typescript", code.encode())
    assert first_error(tree.root_node, True) is None
    assert tree.root_node.end_byte == len(code.encode())
    assert b"in_app: true" in tree.root_node.text  # the object literal (after a comma) is left as written


def test_hostile_input_stays_bounded():
    code = ("interface I<in T> {\n  in_a: string\n}\n" * 2000 + "<b>& & &</b>\n" * 500).encode()
    parse("tsx", code)  # returns (no exception, no runaway)
