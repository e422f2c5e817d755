"""Round 16 platforms: which files are which program (a script's `#!` line, a PM2 file's
`apps` key) and build contexts only known at run time."""
from __future__ import annotations

import pytest

from deploylint.formats.pm2 import _APPS_KEY
from deploylint.runners.shell import _foreign_interpreter


@pytest.mark.parametrize("line, foreign", [
    ("#!/usr/bin/env ruby", True),
    ("#!/usr/bin/env -S ruby -w", True),
    ("#!/usr/bin/perl5.30 -w", True),
    ("#!/usr/bin/env bash", False),
    ("#!/bin/sh -e", False),
    ("#!/usr/bin/env", False),
    ("#!", False),
    ("#!/usr/bin/env LANG=C ruby", True),
])
def test_a_shebang_names_a_foreign_interpreter_or_a_shell(line, foreign):
    assert _foreign_interpreter(line) is foreign


@pytest.mark.parametrize("text, pm2", [
    ("apps:\n  - script: bot.js\n", True),
    ('{"apps": [{"script": "bot.js"}]}', True),
    ("module.exports = {apps: []}", True),
    ("apiVersion: apps/v1\nkind: Deployment\n", False),
    ("# the apps of this chart\nkind: Deployment\n", False),
])
def test_a_pm2_file_needs_an_apps_key_not_the_word(text, pm2):
    assert bool(_APPS_KEY.search(text)) is pm2


def test_a_long_line_of_doctl_words_is_read_in_linear_time(tmp_path):
    import time

    from deploylint.discover import discover
    from deploylint.formats.digitalocean_specs import named_specs

    (tmp_path / "README.md").write_text("doctl apps create " * 14_000 + "\n")
    (tmp_path / "deploy.sh").write_text("doctl apps update $ID --spec=deploy/spec.yml\n")
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "spec.yml").write_text("name: x\n")
    started = time.perf_counter()
    assert named_specs(discover(str(tmp_path))) == ["deploy/spec.yml"]
    assert time.perf_counter() - started < 5
