"""Round 16 hostile input: the fixes the mutation fuzzer (tests/test_mutation_fuzz.py) led to."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli_here, write_tree


def test_a_parse_past_its_time_budget_is_cut_with_the_place_it_reached():
    from deploylint import treesitter
    from deploylint.safe import LimitExceeded

    garbage = b"const a = 1;\n" + b"${A:-" * 60_000  # past DIRECT_BYTES
    with pytest.raises(treesitter.ParseTooLong) as caught:
        treesitter.parse_bytes("typescript", garbage, seconds=0)
    assert isinstance(caught.value, LimitExceeded) and caught.value.line in (1, 2)
    assert treesitter.parse_bytes("typescript", b"const a = 1;\n", seconds=5).root_node.type == "program"


def test_a_js_entry_too_slow_to_parse_is_dpl006_on_that_file(tmp_path, monkeypatch):
    """A hang in tree-sitter's C code cannot be interrupted by a signal: the parse stops at
    its CPU budget (a 1 MB line of `${A:-` once took 38 s per parse, parsed three times)."""
    from deploylint import treesitter

    write_tree(tmp_path, {"Procfile": "worker: node bot.js\n",
                          "bot.js": "const { Telegraf } = require('telegraf');\nnew Telegraf('x').launch();\n"
                                    + "const a = 1;\n" * 22_000})  # past DIRECT_BYTES (a smaller file is parsed at once)
    monkeypatch.setattr(treesitter, "PARSE_SECONDS", 0.0)
    result = run_cli_here("--format", "json", "--exit-zero", str(tmp_path))
    assert result.returncode == 0 and "internal error" not in result.stderr
    findings = json.loads(result.stdout)["findings"]
    cut = [f for f in findings if f["code"] == "DPL006"]
    assert len(cut) == 1 and cut[0]["path"] == "bot.js" and cut[0]["line"] >= 1, findings
    assert "took more than 0 s to parse" in cut[0]["message"]


def test_nested_substitutions_as_the_program_are_one_short_finding(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: sh start.sh\n",
                          "start.sh": "$(" * 200 + "echo python" + ")" * 200 + " bot.py\n"})
    result = run_cli_here("--format", "json", "--exit-zero", str(tmp_path))
    findings = json.loads(result.stdout)["findings"]
    runs = [f for f in findings if f["code"] == "DPL004" and "only known at run time" in f["message"]]
    assert len(runs) == 1 and len(runs[0]["message"]) < 200, [f["message"][:100] for f in findings]


def test_a_railway_ts_too_slow_to_parse_is_dpl006_and_nothing_else(tmp_path, monkeypatch):
    """The reading of IaC files is shared (memo): an exception in it once left it unset and
    every later use failed (TypeError, a second DPL006 naming no reason)."""
    from deploylint import treesitter

    write_tree(tmp_path, {".railway/railway.ts": 'import { defineRailway, project, service } from "railway/iac";\n'
                          + "const pad = 1;\n" * 20_000
                          + 'export default defineRailway(() => project("p", { resources: [service("bot", '
                            '{ start: "python bot.py", replicas: 2 })] }));\n',
                          "bot.py": "from telegram.ext import Application\n"
                                    "Application.builder().token('x').build().run_polling()\n"})
    monkeypatch.setattr(treesitter, "PARSE_SECONDS", 0.0)
    result = run_cli_here("--format", "json", "--exit-zero", str(tmp_path))
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["path"]) for f in findings] == [("DPL006", ".railway/railway.ts")], findings
    assert "took more than 0 s to parse" in findings[0]["message"]


def test_railway_config_as_code_infinite_and_huge_replicas():
    from deploylint.formats.railway import _count

    assert _count(float("inf")) is None and _count(2) == 2 and _count(10 ** 100) == 10_000
