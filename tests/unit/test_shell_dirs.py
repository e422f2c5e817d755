"""commands/shell_dirs: a script's own directory from the usual idioms."""
from __future__ import annotations

import pytest

from deploylint.commands.shell_dirs import relative, script_dir


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
