"""`sys.argv` tests on the way to a singleton (code/python_argv): what the command line is
for each kind of process, and how a test made of it folds."""
from __future__ import annotations

import ast

import pytest

from deploylint.code.python_argv import PATH, _value, command_line
from deploylint.code.python_condition import UNKNOWN, evaluate
from deploylint.code.python_module import Module
from deploylint.model import Location, Process

HERE = Location("Procfile", 1)


def _process(*argv: str) -> Process:
    return Process(argv=tuple(argv), location=HERE)


@pytest.mark.parametrize("argv, expected", [
    (("python", "manage.py", "runbot"), ("manage.py", "runbot")),
    (("python3", "-u", "manage.py", "runbot", "--x"), ("manage.py", "runbot", "--x")),
    (("python", "-m", "app", "serve"), (PATH, "serve")),  # argv[0] is the module's path
    (("gunicorn", "proj.wsgi", "-w", "3"), (PATH, "proj.wsgi", "-w", "3")),  # the path PATH finds
    ((".venv/bin/gunicorn", "proj.wsgi"), (".venv/bin/gunicorn", "proj.wsgi")),
    (("./manage.py", "runbot"), ("./manage.py", "runbot")),
])
def test_command_line(argv, expected):
    assert command_line(_process(*argv)) == expected


@pytest.mark.parametrize("argv", [(), ("python",), ("python", "-c", "import x"), ("python", "$SCRIPT"),
                                  ("gunicorn", "${APP}"), ("python", "-m"), ("python", "-")])
def test_command_line_unknown(argv):
    assert command_line(_process(*argv)) is None


SOURCE = "import sys\nfrom sys import argv as args\n"


@pytest.mark.parametrize("test, argv, expected", [
    ("'runbot' in sys.argv", ("manage.py", "runbot"), True),
    ("'runbot' in sys.argv", (PATH, "proj.wsgi"), False),
    ("'gunicorn' in sys.argv", (PATH, "proj.wsgi"), False),  # sys.argv[0] is /usr/local/bin/gunicorn
    ("'runserver' not in sys.argv", ("manage.py", "runserver"), False),
    ("'runbot' in args", ("manage.py", "runbot"), True),
    ("sys.argv[1] == 'runbot'", ("manage.py", "runbot"), True),
    ("sys.argv[1] == 'runbot'", ("gunicorn", "proj.wsgi"), False),
    ("len(sys.argv) > 1 and sys.argv[1] == 'runbot'", ("manage.py",), False),
    ("len(sys.argv) >= 2", ("manage.py", "runbot"), True),
    ("'x' in sys.argv[1:]", ("x",), False),  # the script itself is not an argument
])
def test_folded(test, argv, expected):
    module = Module("m.py", ast.parse(SOURCE), SOURCE)
    node = ast.parse(test, mode="eval").body
    assert evaluate(node, lambda leaf, _d: _value(leaf, module, argv)) is expected


@pytest.mark.parametrize("test", [
    "sys.argv[0] == 'manage.py'",  # a path Python fills in
    "sys.argv[5] == 'x'",  # past the end: IndexError at run time
    "sys.argv[-1] == 'x'",
    "'runbot' in other.argv",  # not the sys module's
    "'celery' in sys.argv[0]",
])
def test_undecided(test):
    module = Module("m.py", ast.parse(SOURCE), SOURCE)
    node = ast.parse(test, mode="eval").body
    assert evaluate(node, lambda leaf, _d: _value(leaf, module, ("manage.py", "runbot"))) is UNKNOWN
