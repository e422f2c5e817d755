"""Conditions the Python walk reads: reloader guards, flags set once to a false literal,
Django's one-shot management commands and a settings module chosen by an expression."""
from __future__ import annotations

import ast

import pytest

from deploylint.code.python import _literal_choices
from deploylint.code.python_module import Module
from deploylint.code.python_summary import always_false, reloader_test
from deploylint.runners.python import django_command


def _module(text: str) -> Module:
    return Module("m.py", ast.parse(text), text)


def _test(text: str) -> ast.expr:
    return ast.parse(text, mode="eval").body


@pytest.mark.parametrize("text", [
    "not is_running_from_reloader()",
    "werkzeug.serving.is_running_from_reloader()",
    "os.environ.get('WERKZEUG_RUN_MAIN') == 'true'",
    "os.environ.get('RUN_MAIN') != 'true' and TOKEN",
    "os.getenv('WERKZEUG_RUN_MAIN')",
])
def test_reloader_guards(text):
    assert reloader_test(_test(text))


@pytest.mark.parametrize("text", ["DEBUG", "os.environ.get('RUN_BOT') == '1'", "RUNNING_MAIN", "'RUN_MAIN_X' in env"])
def test_not_reloader_guards(text):
    assert not reloader_test(_test(text))


@pytest.mark.parametrize("source, test, scope, dead", [
    ("", "False", "", True),
    ("", "0", "", True),
    ("", "1", "", False),
    ("FLAG = False\n", "FLAG", "", True),
    ("FLAG = False\n", "FLAG and other()", "", True),
    ("FLAG = False\n", "other() and FLAG", "", True),
    ("FLAG = False\n", "FLAG or other()", "", False),
    ("FLAG = None\n", "FLAG", "", True),
    ("FLAG = True\n", "FLAG", "", False),
    # set again somewhere (here from the environment, there in a function): not a constant
    ("FLAG = False\nFLAG = os.getenv('FLAG')\n", "FLAG", "", False),
    ("FLAG = False\ndef on():\n    global FLAG\n    FLAG = True\n", "FLAG", "", False),
    ("FLAG = False\nFLAG |= bool(os.getenv('FLAG'))\n", "FLAG", "", False),
    ("FLAG = False\nfor FLAG in (True,):\n    pass\n", "FLAG", "", False),
    ("FLAG = False\ndef on():\n    global FLAG\n", "FLAG", "", False),
    # a parameter of the enclosing function shadows the module's flag
    ("FLAG = False\ndef run(FLAG):\n    pass\n", "FLAG", "run", False),
    # imported: its value lives in another module
    ("from settings import FLAG\n", "FLAG", "", False),
    ("", "UNKNOWN", "", False),
])
def test_always_false(source, test, scope, dead):
    assert always_false(_test(test), _module(source), scope) is dead


def test_always_false_bounded_on_hostile_nesting():
    deep = " and ".join(["x"] * 5000)
    # only the first operands are read: no time or recursion spent on a hostile chain
    assert always_false(_test(f"{deep} and False"), _module(""), "") is False


@pytest.mark.parametrize("argv, command", [
    (("python", "manage.py", "migrate", "--noinput"), "migrate"),
    (("python3", "src/manage.py", "--settings=x", "collectstatic"), "collectstatic"),
    (("python", "manage.py"), ""),
    (("python", "bot.py", "migrate"), ""),
])
def test_django_command(argv, command):
    assert django_command(argv) == command


@pytest.mark.parametrize("text, choices", [
    ("'a.settings'", ["a.settings"]),
    ("'a.local' if exists() else 'a.settings'", ["a.local", "a.settings"]),
    ("os.getenv('X') or 'a.settings'", ["a.settings"]),
    ("f'a.{x}' if c else 'a.settings'", ["a.settings"]),
    ("build()", []),
])
def test_settings_choices(text, choices):
    assert _literal_choices(_test(text), 3) == choices


def test_settings_choices_bounded():
    nested = "'x'"
    for _ in range(200):
        nested = f"({nested} if c else 'y')"
    assert len(_literal_choices(_test(nested), 3)) <= 8
