"""Option flags: variables a script sets only in `case "$1"` arms (commands/shell_flags.py)."""
from __future__ import annotations

from deploylint.commands.shell_flags import option_flags
from deploylint.treesitter import parse


def flags(text: str) -> set[str]:
    return option_flags(parse("bash", text).root_node)


def test_flags_of_an_argument_loop():
    script = 'while [ -n "$1" ]; do\n  case "$1" in\n    --bot) BOT=1 ;;\n    -v) VERBOSE=yes ;;\n  esac\n  shift\ndone\n'
    assert flags(script) == {"BOT", "VERBOSE"}


def test_a_variable_also_set_elsewhere_is_no_flag():
    script = 'MODE=web\ncase "$1" in\n  bot) MODE=bot ;;\nesac\n'
    assert flags(script) == set()


def test_a_case_on_an_environment_variable_sets_no_flag():
    script = 'case "$ROLE" in\n  bot) RUN_BOT=1 ;;\nesac\n'
    assert flags(script) == set()


def test_for_all_arguments_and_braced_positional():
    assert flags('case ${2} in\n  --x) X=1 ;;\nesac\n') == {"X"}
    assert flags('case "$@" in\n  *--y*) Y=1 ;;\nesac\n') == {"Y"}
