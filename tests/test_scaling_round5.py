"""Issue #13, round 5: work proportional to what can matter (counted, never wall time).

- JS/TS: a module the entry imports but that can lead to no fact (no bot library,
  scheduler, child process, lock file... in it or in anything it imports) is never
  parsed; one it needs a value from (a token in a config module) still is, on demand;
- YAML: one loader serves every file (no per-file YAML() set-up), and it gathers no
  comments (locations and errors are the round-trip loader's).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import executed_lines
from deploylint import yamlfile
from deploylint.code import js_module
from deploylint.engine import scan


@pytest.fixture
def parsed(monkeypatch):
    """The JS/TS files parsed during a scan."""
    seen: list[str] = []
    original = js_module._summarise

    def counting(repo, path):
        seen.append(path)
        return original(repo, path)

    monkeypatch.setattr(js_module, "_summarise", counting)
    return seen


def _bot_with_helpers(root: Path, helpers: int) -> None:
    """index.js requires `helpers` utility modules (formatting, constants: no fact can come
    from them) and bot.js, which polls with the token from config.js."""
    lines = [f"const h{i} = require('./lib/h{i}');" for i in range(helpers)]
    lines += ["require('./bot');", f"console.log({' + '.join(f'h{i}.name' for i in range(helpers)) or 0});"]
    (root / "lib").mkdir(parents=True)
    for i in range(helpers):
        (root / "lib" / f"h{i}.js").write_text(
            f"const other = require('./h{(i + 1) % helpers}');\n"
            f"function pad{i}(s) {{ return String(s).padStart({i % 7 + 2}, '0'); }}\n"
            f"module.exports = {{ name: 'h{i}', pad{i}, other }};\n")
    (root / "index.js").write_text("\n".join(lines) + "\n")
    (root / "config.js").write_text("module.exports = { token: process.env.BOT_TOKEN };\n")
    (root / "bot.js").write_text("const { Telegraf } = require('telegraf');\nconst config = require('./config');\n"
                                 "const bot = new Telegraf(config.token);\nbot.launch();\n")
    (root / "Procfile").write_text("web: node index.js\nworker: node index.js\n")


def test_modules_that_cannot_lead_to_a_fact_are_not_parsed(tmp_path, parsed):
    _bot_with_helpers(tmp_path, helpers=60)
    findings = scan(tmp_path).findings
    assert [f.code for f in findings if f.code.startswith("DPL1")] == ["DPL101"]  # still found, both processes
    assert sorted(set(parsed)) == ["bot.js", "config.js", "index.js"], parsed  # config.js: for the token


def test_a_helper_that_imports_the_bot_is_entered(tmp_path, parsed):
    """The same repository, but one helper (no bot word itself) requires the bot module:
    it, and the helpers that import it, are relevant."""
    _bot_with_helpers(tmp_path, helpers=6)
    (tmp_path / "index.js").write_text("require('./lib/h0');\n")
    (tmp_path / "lib" / "h3.js").write_text("require('../bot');\nmodule.exports = { name: 'h3' };\n")
    findings = scan(tmp_path).findings
    assert [f.code for f in findings if f.code.startswith("DPL1")] == ["DPL101"]
    assert {"lib/h0.js", "lib/h1.js", "lib/h2.js", "lib/h3.js", "bot.js"} <= set(parsed)
    assert not {"lib/h4.js", "lib/h5.js"} & set(parsed)  # h4, h5 import only each other and h0


@pytest.fixture
def yaml_instances(monkeypatch):
    from ruamel.yaml import main

    made: list[object] = []
    original = main.YAML.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(main.YAML, "__init__", counting)
    return made


COMPOSE = """services:
  bot:  # the bot
    build: .
    command: node bot.js
    deploy:
      replicas: 1
  redis:
    image: redis:7
"""


def test_one_yaml_loader_serves_every_compose_file(tmp_path, yaml_instances):
    for i in range(12):
        (tmp_path / f"svc{i}").mkdir()
        (tmp_path / f"svc{i}" / "docker-compose.yml").write_text(COMPOSE)
        (tmp_path / f"svc{i}" / "bot.js").write_text("console.log('hi');\n")
    scan(tmp_path)
    assert len(yaml_instances) <= 2, len(yaml_instances)


def test_comments_and_set_up_cost_no_yaml_work(tmp_path):
    """The reused loader without comment gathering does a fraction of the round-trip
    loader's work on a commented compose file (and builds the same document)."""
    commented = "".join(f"# note {i}: {'x' * 40}\n" + line + "  # why\n" for i, line in enumerate(COMPOSE.splitlines()))
    yamlfile.parse(commented)  # warm: lazy imports

    def ops(load):
        return executed_lines(load, lambda name: "ruamel" in name)

    fast = ops(lambda: yamlfile.parse(commented))
    full = ops(lambda: yamlfile.round_trip().load(commented))
    assert fast <= full * 0.85, (fast, full)


def test_the_fast_loader_keeps_round_trip_locations_and_errors():
    text = "a: # empty, commented\nb:\n  - 1\n  - !reset x\nc:\nd: 'q'\n"
    fast, full = yamlfile.parse(text), yamlfile.round_trip().load(text)
    assert repr(fast) == repr(full)
    for key in fast:
        assert fast.lc.key(key) == full.lc.key(key) and fast.lc.value(key) == full.lc.value(key)
    assert fast["b"].lc.item(1) == full["b"].lc.item(1) and str(fast["b"][1].tag) == str(full["b"][1].tag)
    broken = "a: [1, 2\nb: 3\n"
    with pytest.raises(Exception) as fast_error:
        yamlfile.parse(broken)
    with pytest.raises(Exception) as full_error:
        yamlfile.round_trip().load(broken)
    assert str(fast_error.value) == str(full_error.value)


def test_a_directive_does_not_leak_into_the_next_file():
    """`%YAML 1.1` makes `yes` a boolean in its own file only (a reused loader keeps it)."""
    assert yamlfile.parse("%YAML 1.1\n---\na: yes\n") == {"a": True}
    assert yamlfile.parse("a: yes\n") == {"a": "yes"}
    assert list(yamlfile.parse_all("%YAML 1.1\n---\na: yes\n")) == [{"a": True}]
    assert list(yamlfile.parse_all("a: yes\n---\nb: 017\n")) == [{"a": "yes"}, {"b": 17}]
