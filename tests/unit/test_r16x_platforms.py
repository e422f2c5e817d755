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
