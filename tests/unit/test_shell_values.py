"""commands/shell_values: a script's own directory from the usual idioms."""
from __future__ import annotations

import pytest

from deploylint.commands.shell_values import looked_up, relative, script_dir


@pytest.mark.parametrize("text,expected", [
    ('$(dirname "$0")', "scripts"),
    ("`dirname $0`", "scripts"),
    ('$(cd "$(dirname "$0")" && pwd)', "scripts"),
    ('$(cd $(dirname $0); pwd)', "scripts"),
    ('$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)', ""),
    ('$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )', "scripts"),
    ('$(cd "$(dirname "$0")" >/dev/null 2>&1 && pwd -P)', "scripts"),
    ('$(realpath "$(dirname "$0")/..")', ""),
    ('$(dirname "$(readlink -f "$0")")', "scripts"),
    ('$(cd "$(dirname "$0")" && pwd)/../app', "app"),
    ('$(dirname "$0")/deploy', "scripts/deploy"),
])
def test_idioms(text, expected):
    assert script_dir(text, "scripts/run.sh") == expected


@pytest.mark.parametrize("text", ['$(date)', '$(pwd)', '$(dirname "$1")', '$(dirname "$0")/../../..',
                                  '$(cd "$(dirname "$0")" && rm -rf / && pwd)', "$(dirname $0)" + "/x" * 200, ""])
def test_other_values_stay_unknown(text):
    assert script_dir(text, "scripts/run.sh") is None


def test_no_script_no_directory():
    assert script_dir('$(dirname "$0")', "") is None  # inline `sh -c` text: $0 is the shell


def test_relative_to_the_working_directory():
    assert relative("app", "") == "app" and relative("", "app") == ".." and relative("app", "app") == "."


@pytest.mark.parametrize("text,program", [
    ("$(command -v python3)", "python3"),
    ('"$(command -v python3 || command -v python)"', "python3"),
    ("$(which python3.11)", "python3.11"),
    ("`which node`", "node"),
    ("$(command -v python3 2>/dev/null)", "python3"),
    ("$(type -P python3)", "python3"),
])
def test_program_lookups(text, program):
    assert looked_up(text) == program


@pytest.mark.parametrize("text", ["$(command -v $X)", "$(which python3; rm -rf /)", "$(python3 -c 'print(1)')", "python3",
                                  "$(command -v " + "p" * 100 + ")"])
def test_other_lookups_stay_unknown(text):
    assert looked_up(text) is None
