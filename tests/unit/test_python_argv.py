"""`sys.argv` tests on the way to a singleton (code/python_argv): what the command line is
for each kind of process, and how a test made of it folds."""
from __future__ import annotations

import ast

import pytest

from deploylint.code.python_argv import FOUND, PATH, _value, command_line
from deploylint.code.python_condition import UNKNOWN, evaluate
from deploylint.code.python_module import Module
from deploylint.model import Location, Process

HERE = Location("Procfile", 1)


def _process(*argv: str) -> Process:
    script = next((a for a in argv if a.endswith(".py")), None)
    return Process(argv=tuple(argv), location=HERE, kind="python-script" if script else "other", entry=script)


@pytest.mark.parametrize("argv, expected", [
    (("python", "manage.py", "runbot"), ("manage.py", "runbot")),
    (("python3", "-u", "manage.py", "runbot", "--x"), ("manage.py", "runbot", "--x")),
    (("python", "-m", "app", "serve"), (PATH, "serve")),  # argv[0] is the module's path
    (("gunicorn", "proj.wsgi", "-w", "3"), (FOUND + "gunicorn", "proj.wsgi", "-w", "3")),  # where PATH finds it
    ((".venv/bin/gunicorn", "proj.wsgi"), (".venv/bin/gunicorn", "proj.wsgi")),
    (("./manage.py", "runbot"), ("./manage.py", "runbot")),
    (("bot.py", "webhook"), ("bot.py", "webhook")),  # `uv run bot.py webhook`: as written
    (("python", "-W", "ignore", "bot.py", "webhook"), ("bot.py", "webhook")),
    (("python3", "-X", "dev", "-u", "bot.py"), ("bot.py",)),
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
    ("'runbot' in sys.argv", (FOUND + "gunicorn", "proj.wsgi"), False),
    ("'gunicorn' in sys.argv", (FOUND + "gunicorn", "proj.wsgi"), False),  # sys.argv[0] is /usr/local/bin/gunicorn
    ("'gunicorn' in sys.argv[0]", (FOUND + "gunicorn", "proj.wsgi"), True),
    ("'celery' in sys.argv[0]", (FOUND + "gunicorn", "proj.wsgi"), False),
    ("sys.argv[0] == 'gunicorn'", (FOUND + "gunicorn", "proj.wsgi"), False),
    ("sys.argv[0].endswith('manage.py')", ("manage.py", "runbot"), True),
    ("'runserver' in sys.argv or 'gunicorn' in sys.argv[0]", (FOUND + "celery", "-A", "proj", "worker"), False),
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
    "sys.argv[5] == 'x'",  # past the end: IndexError at run time
    "sys.argv[-1] == 'x'",
    "'runbot' in other.argv",  # not the sys module's
])
def test_undecided(test):
    module = Module("m.py", ast.parse(SOURCE), SOURCE)
    node = ast.parse(test, mode="eval").body
    assert evaluate(node, lambda leaf, _d: _value(leaf, module, ("manage.py", "runbot"))) is UNKNOWN


def test_module_path_undecided():  # `python -m app`: sys.argv[0] is the module file's path
    module = Module("m.py", ast.parse(SOURCE), SOURCE)
    node = ast.parse("'app' in sys.argv[0]", mode="eval").body
    assert evaluate(node, lambda leaf, _d: _value(leaf, module, (PATH, "serve"))) is UNKNOWN


def _args(source: str, test: str, argv: tuple[str, ...]):
    from deploylint.code.python_argparse import value

    module = Module("m.py", ast.parse(source), source)
    line = max(i for i, text in enumerate(source.splitlines(), 1) if text.strip().startswith("if "))
    node = ast.parse(test, mode="eval").body
    return value(module, node, line, argv)


PARSER = """import argparse, os
def main():
    p = argparse.ArgumentParser(description="d")
    p.add_argument("--mode", choices=["polling", "webhook"], default="polling")
    p.add_argument("--poll", action="store_true", help="h")
    p.add_argument("--port", type=int, default=os.getenv("PORT"))
    p.add_argument("target", nargs="?", default="all")
    a = p.parse_args()
    if a.mode == "polling":
        pass
"""


@pytest.mark.parametrize("test, argv, expected", [
    ("a.mode", ("bot.py",), "polling"),
    ("a.mode", ("bot.py", "--mode", "webhook"), "webhook"),
    ("a.mode", ("bot.py", "--mode=webhook", "--unknown"), "webhook"),  # parse_known_args
    ("a.poll", ("bot.py",), False),
    ("a.poll", ("bot.py", "--poll"), True),
    ("a.port", ("bot.py", "--port", "80"), 80),
    ("a.target", ("bot.py", "bot"), "bot"),
])
def test_argparse_values(test, argv, expected):
    assert _args(PARSER, test, argv) == expected


@pytest.mark.parametrize("test, argv", [
    ("a.port", ("bot.py",)),  # the default is an environment read
    ("a.mode", ("bot.py", "--mode", "other")),  # not a choice: argparse exits
    ("a.mode", ("bot.py", "-h")),  # prints help and exits
    ("a.missing", ("bot.py",)),
    ("b.mode", ("bot.py",)),
])
def test_argparse_undecided(test, argv):
    assert _args(PARSER, test, argv) is UNKNOWN


@pytest.mark.parametrize("source", [
    PARSER.replace('description="d"', 'fromfile_prefix_chars="@"'),  # would read files
    PARSER.replace('type=int', 'type=parse_port'),
    PARSER.replace('    a = p.parse_args()', '    add_more(p)\n    a = p.parse_args()'),  # a helper adds options
    PARSER.replace('    a = p.parse_args()', '    a = p.parse_args()\n    a.mode = "webhook"'),
    PARSER.replace('action="store_true"', 'action=Custom'),
    PARSER.replace('nargs="?"', 'nargs=0'),  # argparse rejects the spec
    PARSER.replace('argparse.ArgumentParser', 'MyParser'),
])
def test_argparse_not_plain(source):
    assert _args(source, "a.mode", ("bot.py", "--mode", "webhook")) is UNKNOWN


def test_argparse_module_main_block():
    source = ("import argparse\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n"
              "    parser.add_argument('--poll', action='store_true')\n    args = parser.parse_args()\n"
              "    if args.poll:\n        pass\n")
    assert _args(source, "args.poll", ("s.py", "--poll")) is True
    assert _args(source, "args.poll", ("s.py",)) is False


def test_argparse_helper_function():
    source = ("import argparse\ndef parse():\n    p = argparse.ArgumentParser()\n"
              "    p.add_argument('-m', '--mode', default='polling')\n    return p.parse_args()\n"
              "def main():\n    args = parse()\n    if args.mode == 'webhook':\n        pass\n")
    assert _args(source, "args.mode", ("m.py", "-m", "webhook")) == "webhook"
    assert _args(source, "args.mode", ("m.py",)) == "polling"


@pytest.mark.parametrize("test, expected", [
    ("'a' if True else 'b'", "a"),
    ("'a' if 0 else 'b'", "b"),
    ("'a' if unknown else 'b'", UNKNOWN),
])
def test_conditional_expression(test, expected):
    node = ast.parse(test, mode="eval").body
    assert evaluate(node, lambda leaf, _d: UNKNOWN) == expected if expected is not UNKNOWN else \
        evaluate(node, lambda leaf, _d: UNKNOWN) is UNKNOWN


@pytest.mark.parametrize("test, argv, expected", [
    ("any(c in sys.argv for c in ('migrate', 'test'))", ("manage.py", "migrate"), True),
    ("any(c in sys.argv for c in ['migrate', 'test'])", ("manage.py", "runbot"), False),
    ("all(c in sys.argv for c in ('a', 'b'))", ("x.py", "a", "b"), True),
    ("all(c in sys.argv for c in ('a', 'b'))", ("x.py", "a"), False),
    ("any(c in sys.argv for c in other)", ("x.py", "a"), UNKNOWN),
    ("sys.argv[1] in {'migrate', 'test'}", ("manage.py", "test"), True),
])
def test_any_all_and_collections(test, argv, expected):
    module = Module("m.py", ast.parse(SOURCE), SOURCE)
    node = ast.parse(test, mode="eval").body
    value = evaluate(node, lambda leaf, _d: _value(leaf, module, argv))
    assert value is expected


def test_function_local_name(tmp_path):
    from deploylint.code.python_argv import filter_by_argv
    from deploylint.model import Evidence, Step
    from deploylint.repo import Repo

    (tmp_path / "apps.py").write_text(
        "import sys\nSKIP = {'migrate', 'runbot'}\n\ndef ready():\n"
        "    cmd = sys.argv[1] if len(sys.argv) > 1 else ''\n    if cmd not in SKIP:\n        start()\n")
    where = Location("apps.py", 6, 8)
    evidence = Evidence("scheduler", "APScheduler", Location("apps.py", 7),
                        trace=(Step(where, "if `cmd not in SKIP`"),))
    repo = Repo(str(tmp_path))
    assert filter_by_argv(repo, [evidence], _process("python", "manage.py", "runbot")) == []
    assert filter_by_argv(repo, [evidence], _process("gunicorn", "p.wsgi")) == [evidence]


def test_argparse_parameter_and_argument():
    from deploylint.code.python_argparse import argument, parameter

    source = ("def launch(opts, extra=None):\n    if opts.webhook:\n        pass\n"
              "class C:\n    def run(self, opts):\n        if opts.webhook:\n            pass\n"
              "if __name__ == '__main__':\n    launch(options, 1)\n")
    module = Module("m.py", ast.parse(source), source)
    assert parameter(module, 2, "opts") == ("launch", 0)
    assert parameter(module, 2, "other") is None
    assert parameter(module, 6, "opts") is None  # a method: its caller passes self first
    assert isinstance(argument(module, 9, "launch", 0), ast.Name)
    assert argument(module, 9, "launch", 5) is None
    assert argument(module, 9, "other", 0) is None
