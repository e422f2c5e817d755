"""Issue #13, round 16: questions answered without the work (counted, never wall time).

- `resp.json()`, `data.get()` on a local value: when no Python file of the repository
  defines a `def json`, no repository class has that method, so the classes the value
  may be an instance of are not worked out (python_defnames; Resolver.instance_classes
  parsed the blocks that assign the name and followed imports for each);
- `x.main()` asks whether `x` holds `import_module(...)`: only the first four values are
  read, and none in a module whose text names no importer (python_dynamic.import_calls).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from deploylint import safe
from deploylint.code import python_resolve
from deploylint.engine import scan


@pytest.fixture
def asked(monkeypatch):
    """Resolver.instance_classes calls during a scan."""
    calls: list[object] = []
    original = python_resolve.Resolver.instance_classes

    def counting(self, m, scope, expr, depth=3):
        calls.append(getattr(expr, "id", expr))
        return original(self, m, scope, expr, depth)

    monkeypatch.setattr(python_resolve.Resolver, "instance_classes", counting)
    return calls


@pytest.fixture
def parses(monkeypatch):
    """Texts ast.parse'd (modules, skeletons and stubbed blocks) during a scan."""
    texts: list[str] = []
    original = safe.parse_python

    def counting(text, filename="<unknown>"):
        texts.append(text)
        return original(text, filename)

    monkeypatch.setattr(safe, "parse_python", counting)
    return texts


def _handlers(root: Path, n: int, method: str, defined: bool) -> None:
    """bot.py runs n handlers (each `resp = fetch(i)` then `resp.<method>()`) from a large
    module (stubbed blocks), then polls; with `defined`, a repository class has `method`."""
    lines = ["import telebot", "from handlers import run_all", "bot = telebot.TeleBot('x')", "run_all()",
             "bot.infinity_polling()"]
    (root / "bot.py").write_text("\n".join(lines) + "\n")
    body = ["import requests", "", "def fetch(i):", "    return requests.get(f'https://example.com/{i}')", ""]
    if defined:
        body += ["class Store:", f"    def {method}(self):", "        return 1", ""]
    for i in range(n):
        body += [f"def handler{i}():", f"    resp = fetch({i})", "    total = 0", "    for k in range(3):",
                 "        total += k", f"    return resp.{method}()", ""]
    body += ["def run_all():"] + [f"    handler{i}()" for i in range(n)]
    (root / "handlers.py").write_text("\n".join(body) + "\n")
    (root / "Procfile").write_text("worker: python bot.py\n")


def test_a_method_no_file_defines_asks_for_no_instance_class(tmp_path, asked):
    _handlers(tmp_path, 40, "json", defined=False)
    findings = scan(tmp_path).findings
    assert [f.code for f in findings if f.code.startswith("DPL1")] == []
    assert "resp" not in asked, asked[:20]


def test_a_method_some_class_defines_is_still_worked_out(tmp_path, asked):
    _handlers(tmp_path, 40, "json", defined=True)
    scan(tmp_path)
    assert "resp" in asked  # the twin: `def json` exists, the value's classes are looked for


def test_a_defined_method_is_still_followed_to_the_poller(tmp_path):
    (tmp_path / "store.py").write_text("import telebot\n\nclass Store:\n    def refresh(self):\n"
                                       "        telebot.TeleBot('x').infinity_polling()\n")
    (tmp_path / "bot.py").write_text("from store import Store\n\ndef main():\n    data = Store()\n"
                                     "    data.refresh()\n\nmain()\n")
    (tmp_path / "Procfile").write_text("web: python bot.py\nworker: python bot.py\n")
    assert "DPL101" in [f.code for f in scan(tmp_path).findings]


def test_a_method_defined_in_an_entry_without_the_py_suffix_is_followed(tmp_path):
    (tmp_path / "run").write_text("import telebot\n\nclass Store:\n    def refresh(self):\n"
                                  "        telebot.TeleBot('x').infinity_polling()\n\n"
                                  "def main():\n    data = Store()\n    data.refresh()\n\nmain()\n")
    (tmp_path / "Procfile").write_text("web: python run\nworker: python run\n")
    assert "DPL101" in [f.code for f in scan(tmp_path).findings]


def _dynamic(root: Path, n: int, importer: str) -> None:
    """n stubbed functions assign `x`; main() calls `x.main()` where the first values are
    plain objects; with an importer, `runner = <importer>("runner")` then `runner.main()`."""
    body = ["import telebot", "", "def make():", "    return object()", ""]
    for i in range(n):
        body += [f"def f{i}():", "    x = make()", "    y = 1", "    for k in range(2):", "        y += k",
                 "    return x", ""]
    body += ["def main():", "    x = make()", "    x.main()"]
    if importer:
        body = ["from importlib import import_module"] + body + [f"    runner = {importer}('runner')",
                                                                  "    runner.main()"]
    body += ["", "main()"]
    (root / "bot.py").write_text("\n".join(body) + "\n")
    (root / "runner.py").write_text("import telebot\n\ndef main():\n    telebot.TeleBot('x').infinity_polling()\n")
    (root / "Procfile").write_text("web: python bot.py\nworker: python bot.py\n")


def test_no_importer_in_the_text_parses_no_block_for_it(tmp_path, parses):
    _dynamic(tmp_path, 60, "")
    scan(tmp_path)
    blocks = [t for t in parses if t.lstrip().startswith("def f")]
    # the instance-class search for `x.main()` reads the first six values of `x` (a `def main`
    # exists); the importer question read all sixty blocks that assign `x` before
    assert len(blocks) <= 6, len(blocks)


@pytest.mark.parametrize("importer", ["import_module", "\uff49mport_module"])  # NFKC: fullwidth i
def test_an_imported_module_is_still_followed(tmp_path, importer):
    _dynamic(tmp_path, 60, importer)
    assert "DPL101" in [f.code for f in scan(tmp_path).findings]


def test_the_compatibility_blocks_hold_every_character_that_spells_an_importer():
    """python_dynamic normalises a non-ASCII text only when it holds a character of the
    blocks where NFKC makes letters of `import_module` / `__import__` (`ｉ`, `ℹ`, `ﬁ`...):
    every such character of Unicode is in them, and Cyrillic text is not."""
    import unicodedata

    from deploylint.code.python_dynamic import _COMPATIBLE

    letters = set("import_module__import__")
    spelling = [chr(c) for c in range(128, 0x110000) if not 0xD800 <= c <= 0xDFFF
                and letters & set(unicodedata.normalize("NFKC", chr(c)))]
    assert spelling and all(_COMPATIBLE.search(c) for c in spelling)
    assert not _COMPATIBLE.search("Запуск бота: импорт модулей 機器人")


def _argv_chain(root: Path, links: int) -> None:
    """`python bot.py` behind an `if "--dry" not in sys.argv:` test, then `links` functions
    calling one another down to the poller."""
    lines = ["import sys", "from telegram.ext import Application", ""]
    for i in range(links):
        lines += [f"def step{i}():", f"    step{i + 1}()", ""]
    lines += [f"def step{links}():", "    Application.builder().token('t').build().run_polling()", "",
              'if "--dry" not in sys.argv:', "    step0()", ""]
    (root / "bot.py").write_text("\n".join(lines))
    (root / "Procfile").write_text("worker: python bot.py\nweb: python bot.py --dry\n")


def test_a_route_test_is_read_once_per_route_not_once_per_unit(tmp_path, monkeypatch):
    """The walk asks, for each unit it pushes, whether its route passes a `sys.argv` test the
    command line fails (python_argv.route_fails); routes that share their tests share the
    answer: 4x the functions on the route, the same number of evaluations (it grew with the
    route's length times the number of units: quadratic)."""
    from deploylint.code import python_argv

    counted = []
    for links in (20, 80):
        root = tmp_path / f"chain{links}"
        root.mkdir()
        _argv_chain(root, links)
        calls: list[int] = []
        original = python_argv._runs
        monkeypatch.setattr(python_argv, "_runs", lambda *a, **k: (calls.append(1), original(*a, **k))[1])
        result = scan(root)
        monkeypatch.setattr(python_argv, "_runs", original)
        counted.append(len(calls))
        # the worker (no `--dry`) reaches the poller through every link; the web process does not
        polls = [i.launch.name for i in result.plan.instances for e in i.evidence if e.is_singleton]
        assert polls == ["worker"], polls
    assert counted[1] <= counted[0] + 4, counted


def test_a_loop_variable_is_looked_for_only_in_the_functions_that_loop_over_it(tmp_path, monkeypatch):
    """`client.start()` with `client` a loop variable (python_loopvars.loop_values): only the
    functions whose lines hold `for client in` are walked, not every function of the module
    (which parsed the blocks python_lazy had left unparsed), and the module's text is searched
    once for all loop names. 4x the other functions: the same walks; the manager still polls."""
    from deploylint.code import python_loopvars

    counted = []
    for others in (10, 40):
        root = tmp_path / f"m{others}"
        root.mkdir()
        lines = ["from pyrogram import Client", "", "reader = Client('reader')", "writer = Client('writer')", ""]
        for i in range(others):
            lines += [f"def other{i}(items):", "    for item in items:", "        print(item)", ""]
        lines += ["def main():", "    for client in [reader, writer]:", "        client.run()", "", "main()", ""]
        (root / "bot.py").write_text("\n".join(lines))
        (root / "Procfile").write_text("worker: python bot.py\n")
        walked: list[int] = []
        original = python_loopvars._own
        monkeypatch.setattr(python_loopvars, "_own", lambda body: (walked.append(1), original(body))[1])
        result = scan(root)
        monkeypatch.setattr(python_loopvars, "_own", original)
        counted.append(len(walked))
        assert any(e.is_singleton for i in result.plan.instances for e in i.evidence)
    assert counted[1] <= counted[0] + 2, counted
