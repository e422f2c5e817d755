"""Bad input through the real CLI: a clear finding with a location, never a traceback,
and the rest of the scan goes on."""
from __future__ import annotations

import os

from conftest import run_cli, scan_json, write_tree

POLLER = "from telegram.ext import Application\nApplication.builder().token('x').build().run_polling()\n"


def codes(report, path=None):
    return sorted((f["code"], f["path"], f["line"]) for f in report["findings"] if path in (None, f["path"]))


def test_a_50_mb_config_is_dpl001_and_the_rest_is_still_scanned(tmp_path):
    write_tree(tmp_path, {"Procfile": "web: python bot.py\nworker: python bot.py\n", "bot.py": POLLER})
    with open(tmp_path / "docker-compose.yml", "wb") as big:
        big.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes
    report = scan_json(tmp_path)
    assert ("DPL001", "docker-compose.yml", 1) in codes(report)
    assert ("DPL101", "Procfile", 2) in codes(report)


def test_symlink_loops_and_links_out_of_the_root(tmp_path):
    outside = tmp_path / "outside"
    write_tree(outside, {"Procfile": "web: python nothing_here.py\n"})
    root = write_tree(tmp_path / "repo", {"Procfile": "worker: python bot.py\n", "bot.py": POLLER, "sub/x.txt": ""})
    os.symlink("..", root / "sub" / "loop")  # a loop back to the root
    os.symlink(outside, root / "elsewhere")  # leaves the root: never followed
    os.symlink(outside / "Procfile", root / "sub" / "Procfile")
    result = run_cli("--format", "json", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing_here" not in result.stdout


def test_binary_and_non_utf8_files_are_dpl001_with_a_line(tmp_path):
    write_tree(tmp_path, {
        "railway.json": b"\x89PNG\r\n\x1a\n\x00\x00",
        "Procfile": "worker: python bot.py\n",
        "bot.py": b"# coding: utf-8\nNAME = 'caf\xe9'\n",
    })
    report = scan_json(tmp_path)
    assert ("DPL001", "railway.json", 1) in codes(report)
    assert ("DPL001", "bot.py", 2) in codes(report)


def test_an_ecosystem_file_is_never_executed(tmp_path):
    write_tree(tmp_path, {
        "ecosystem.config.js": (
            "const { execSync } = require('child_process');\n"
            "execSync('touch PWNED');\n"
            "require('fs').writeFileSync('PWNED2', 'x');\n"
            "module.exports = { apps: [{ name: 'bot', script: 'bot.js', instances: 2 }] };\n"),
        "bot.js": "const { Telegraf } = require('telegraf');\nnew Telegraf(process.env.BOT_TOKEN).launch();\n",
    })
    report = scan_json(tmp_path)
    assert ("DPL102", "ecosystem.config.js", 4) in codes(report)
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "PWNED2").exists()


def test_broken_yaml_js_and_dockerfile_beside_a_valid_procfile(tmp_path):
    write_tree(tmp_path, {
        "docker-compose.yml": "services:\n  bot:\n    command: [python, bot.py\n",
        "ecosystem.config.js": "module.exports = { apps: [{ name: 'bot', script: 'bot.js' }\n",
        "Dockerfile": "FROM python:3.12\nCOPPY . .\nCMD [\"python\", \"bot.py\"]\n",
        "Procfile": "web: python bot.py\nworker: python bot.py\n",
        "bot.py": POLLER,
    })
    report = scan_json(tmp_path)
    found = codes(report)
    assert any(c == "DPL001" and p == "docker-compose.yml" and line >= 3 for c, p, line in found), found
    assert any(c == "DPL001" and p == "ecosystem.config.js" for c, p, _ in found), found
    assert ("DPL002", "Dockerfile", 2) in found
    assert ("DPL101", "Procfile", 2) in found


def test_a_yaml_alias_bomb_is_dpl001_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        previous = "abcdefgh"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines.append("services:\n  bot:\n    image: x\n    labels: *i")
    write_tree(tmp_path, {"docker-compose.yml": "\n".join(lines) + "\n"})
    result = run_cli("--format", "json", str(tmp_path))
    assert "Traceback" not in result.stderr
    assert '"DPL001"' in result.stdout


def test_usage_errors_exit_2_with_one_line_and_no_traceback(tmp_path):
    missing = run_cli(str(tmp_path / "nope"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    option = run_cli("--no-such-option", str(tmp_path))
    assert option.returncode == 2 and "Traceback" not in option.stderr
