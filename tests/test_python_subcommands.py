"""code/python_subparsers.py and python_match.py: argparse sub-commands and `match` cases
decided from literals; anything else (or hostile input) stays undecided and never crashes."""
from __future__ import annotations

import ast

from deploylint.code.python_argparse import add
from deploylint.code.python_match import case_test
from deploylint.code.python_subparsers import selected


class _Module:
    def __init__(self, text: str):
        self.text = text
        self.tree = ast.parse(text)

    def qualified(self, node):
        return "argparse.ArgumentParser" if isinstance(node, ast.Attribute) and node.attr == "ArgumentParser" else ""


def _set_defaults(module: _Module, line: int) -> ast.Call:
    return next(n for n in ast.walk(module.tree) if isinstance(n, ast.Call) and n.lineno == line
                and getattr(n.func, "attr", "") == "set_defaults")


CLI = '''import argparse
def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    bot = sub.add_parser("bot", aliases=["poll"])
    bot.set_defaults(func=run_bot)
    web = sub.add_parser("web")
    web.add_argument("--port", type=int, default=8000)
    web.set_defaults(func=serve)
    args = parser.parse_args()
    args.func(args)
'''


def test_the_command_line_picks_one_function():
    module = _Module(CLI)
    run_bot, serve = _set_defaults(module, 6), _set_defaults(module, 9)
    assert selected(module, run_bot, ("cli.py", "bot"), add) is True
    assert selected(module, run_bot, ("cli.py", "poll"), add) is True
    assert selected(module, serve, ("cli.py", "bot"), add) is False
    assert selected(module, serve, ("cli.py", "web", "--port", "80"), add) is True
    assert selected(module, run_bot, ("cli.py",), add) is False  # no command: `args.func` is not set
    assert selected(module, run_bot, ("cli.py", "nope"), add) is None  # argparse refuses: undecided
    # only the leading words known (`web --port $PORT`): `web` is still named
    assert selected(module, run_bot, ("cli.py", "web"), add, partial=True) is False
    assert selected(module, run_bot, ("cli.py",), add, partial=True) is None


def test_forms_not_read_leave_it_undecided():
    for changed in (CLI.replace('sub.add_parser("web")', 'sub.add_parser(NAME)'),
                    CLI.replace('add_subparsers(dest="command")', 'add_subparsers(dest=DEST)'),
                    CLI.replace("    args = parser", "    extend(parser)\n    args = parser"),
                    CLI.replace('sub.add_parser("web")', 'sub.add_parser("web", parents=[common])'),
                    CLI.replace("parse_args()", "parse_args(ARGS)")):
        module = _Module(changed)
        call = next(n for n in ast.walk(module.tree) if isinstance(n, ast.Call)
                    and getattr(n.func, "attr", "") == "set_defaults")
        assert selected(module, call, ("cli.py", "web"), add) is None, changed


def test_hostile_parsers_do_not_crash():
    many = "\n".join(f'    p{i} = sub.add_parser("c{i}")\n    p{i}.set_defaults(func=f{i})' for i in range(300))
    text = ("import argparse\ndef main():\n    parser = argparse.ArgumentParser()\n"
            "    sub = parser.add_subparsers(dest='c')\n" + many + "\n    args = parser.parse_args()\n")
    module = _Module(text)
    call = _set_defaults(module, 6)
    assert selected(module, call, ("x", "c0"), add) is None  # more commands than followed
    twice = CLI.replace('sub.add_parser("web")', 'sub.add_parser("bot")')  # a command named twice
    module = _Module(twice)
    assert selected(module, _set_defaults(module, 6), ("cli.py", "bot"), add) is None


def _match(text: str) -> ast.Match:
    return next(n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Match))


def test_match_cases_as_tests():
    match = _match('match x:\n    case "a" | "b":\n        pass\n    case None:\n        pass\n    case _:\n        pass\n')
    assert ast.unparse(case_test(match, 0)) == "x in ('a', 'b')"
    assert ast.unparse(case_test(match, 1)) == "x == None"
    assert ast.unparse(case_test(match, 2)) == "x not in ('a', 'b', None)"
    assert case_test(match, 9) is None
    guarded = _match('match x:\n    case "a" if y:\n        pass\n    case _:\n        pass\n')
    assert case_test(guarded, 0) is None and case_test(guarded, 1) is None
    classes = _match('match x:\n    case Point(x=0):\n        pass\n    case _:\n        pass\n')
    assert case_test(classes, 0) is None and case_test(classes, 1) is None
