"""A big JavaScript file is summarised where the scan looks (code/js_names), not node by
node: counted work (lines of the JS analysis executed), never wall time.

- the work must not grow with the bodies of functions the entry never reaches;
- it does grow with the code that is reached (the measure sees the work);
- the name-by-name summary finds what the one-query summary of small files finds, on
  every JS/TS scenario and on big generated files (positive and negative twin).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SCENARIOS, executed_lines
from deploylint.code import js_module
from deploylint.engine import scan

JS_ANALYSIS = ("/code/js_", "/code/javascript.py")


def js_operations(root: Path) -> int:
    """Lines of deploylint's JS analysis executed while scanning `root`."""
    return executed_lines(lambda: scan(root), lambda name: any(part in name for part in JS_ANALYSIS))


def bot_file(root: Path, functions: int, body: int, reached: str = "start") -> None:
    """`functions` handlers of `body` statements each and a small `start`; the entry calls
    only `reached`."""
    lines = ["const { Telegraf } = require('telegraf');", "const bot = new Telegraf(process.env.TOKEN);",
             "function start(ctx) { return ctx.reply('hi'); }"]
    for i in range(functions):
        lines.append(f"function handler{i}(ctx) {{")
        lines += [f"  if (ctx.message.text === 'x{i}_{j}') {{ return ctx.reply('y{j}'); }}" for j in range(body)]
        lines.append("}")
    lines += [f"{reached}({{ message: {{ text: '' }}, reply() {{}} }});", "bot.launch();"]
    (root / "bot.js").write_text("\n".join(lines) + "\n")
    (root / "Procfile").write_text("worker: node bot.js\n")


def _ops(tmp_path: Path, name: str, **kwargs) -> int:
    root = tmp_path / name
    root.mkdir()
    bot_file(root, **kwargs)
    scan(root)  # warm: lazy imports and compiled patterns are not the input's work
    return js_operations(root)


@pytest.fixture
def lazy(monkeypatch):
    monkeypatch.setattr(js_module, "LAZY_FROM_BYTES", 0)


def test_work_does_not_grow_with_unreached_bodies(tmp_path, lazy):
    small = _ops(tmp_path, "b1", functions=20, body=2)
    big = _ops(tmp_path, "b16", functions=20, body=32)
    assert big <= small * 1.05 + 50, (small, big)


def test_work_grows_with_the_reached_body(tmp_path, lazy):
    """The measure sees the walk: the reached handler's body is analysed."""
    small = _ops(tmp_path, "r1", functions=20, body=2, reached="handler0")
    big = _ops(tmp_path, "r16", functions=20, body=32, reached="handler0")
    assert big > small * 1.2, (small, big)


def test_work_grows_at_most_linearly_with_unreached_functions(tmp_path, lazy):
    counts = [_ops(tmp_path, f"f{n}", functions=20 * n, body=4) for n in (1, 4, 16)]
    first, second = counts[1] - counts[0], counts[2] - counts[1]
    assert second <= 4.4 * max(first, 1), counts


def _findings(root: Path) -> list[str]:
    result = scan(root)
    return sorted(f"{f.code} {f.location.path}:{f.location.line} {f.message} "
                  f"{[(s.location.path, s.location.line, s.note) for s in f.trace]}" for f in result.findings)


JS_SCENARIOS = sorted(p.name for p in SCENARIOS.iterdir()
                      if (p / "repo").is_dir() and any(q.suffix in js_module.EXTENSIONS for q in (p / "repo").rglob("*")))


@pytest.mark.parametrize("name", JS_SCENARIOS)
def test_name_by_name_summary_finds_what_the_whole_summary_finds(name, monkeypatch):
    root = SCENARIOS / name / "repo"
    whole = _findings(root)
    monkeypatch.setattr(js_module, "LAZY_FROM_BYTES", 0)
    assert _findings(root) == whole


def _big_repo(root: Path, launched: bool) -> None:
    """A file past LAZY_FROM_BYTES: the bot is created in a helper module, started by a
    method of a class declared after thousands of handlers, from a callback; two
    process types run it. The negative twin starts it only in a function nobody calls."""
    root.mkdir()
    (root / "make.js").write_text("const { Telegraf } = require('telegraf');\n"
                                  "module.exports = { make: () => new Telegraf(process.env.TOKEN) };\n")
    lines = ["const { make } = require('./make');", "const app = new App();"]
    lines += [f"function handler{i}(ctx) {{ if (ctx.message.text === 'x{i}') {{ return ctx.reply('y'); }} }}"
              for i in range(5000)]
    lines += ["class App {", "  constructor() { this.bot = make(); }", "  run() { this.bot.launch(); }", "}",
              "function unused() { app.run(); }"]
    lines.append("setTimeout(() => app.run(), 10);" if launched else "// app.run() only in unused()")
    (root / "bot.js").write_text("\n".join(lines) + "\n")
    assert (root / "bot.js").stat().st_size >= js_module.LAZY_FROM_BYTES
    (root / "Procfile").write_text("worker: node bot.js\nbot: node bot.js\n")


def test_big_file_polling_twice_is_found(tmp_path):
    _big_repo(tmp_path / "repo", launched=True)
    found = _findings(tmp_path / "repo")
    assert len(found) == 1 and found[0].startswith("DPL101 Procfile:") and "('bot.js', 5005, '`this.bot.launch()`" in found[0], found


def test_big_file_polling_only_in_an_unreached_function_stays_clean(tmp_path):
    _big_repo(tmp_path / "repo", launched=False)
    assert _findings(tmp_path / "repo") == []


def chain_file(root: Path, links: int) -> None:
    """An entry whose poller is started at the head of a `.then()` chain of `links` links
    (each link nests the rest one level deeper: tree-sitter answers `node.parent` from the
    root down, so a walk up the chain per reached node was quadratic or worse)."""
    links_text = "".join(f".then((ctx) => ctx.reply({i})).catch((e) => e.log())" for i in range(links))
    (root / "bot.js").write_text(
        "const { Telegraf } = require('telegraf');\nconst bot = new Telegraf(process.env.TOKEN);\n"
        f"async function main() {{ await bot.launch(); }}\nmain(){links_text};\n")
    (root / "Procfile").write_text("worker: node bot.js\n")


def test_work_grows_linearly_with_a_then_chain(tmp_path):
    counted = ("/code/js_", "/code/javascript.py", "/treesitter.py")
    ops = {}
    for links in (50, 200):
        root = tmp_path / f"chain{links}"
        root.mkdir()
        chain_file(root, links)
        scan(root)
        ops[links] = executed_lines(lambda: scan(root), lambda name: any(part in name for part in counted))
    assert ops[200] <= ops[50] * 4.6, ops  # 4x the links: linear (quadratic would be ~16x)
    result = scan(tmp_path / "chain200")
    assert not [f for f in result.findings if f.code == "DPL001"]  # the chain parses


def test_a_parameter_question_costs_no_work_per_function(tmp_path, lazy):
    """Telling whether `ctx` names a parameter of the function around it asks tree-sitter for
    the functions around that one identifier (a query limited to its byte range), not for
    every function of the module: 16x the handlers, the same work in js_reach and js_params."""
    counted = []
    for functions in (50, 800):
        root = tmp_path / f"f{functions}"
        root.mkdir()
        bot_file(root, functions=functions, body=1)
        scan(root)
        counted.append(executed_lines(lambda: scan(root), lambda name: name.endswith(("/code/js_reach.py", "/code/js_params.py"))))
    assert counted[1] <= counted[0] * 1.05 + 20, counted
