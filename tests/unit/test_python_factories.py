"""What a base class's constructor gets from a subclass (code/python_factories.py)."""
from __future__ import annotations

import ast

from deploylint.code.python_factories import super_init
from deploylint.code.python_module import Module

SOURCE = '''
class Client(Base):
    def __init__(self, session="renamer", *, token=None):
        super().__init__(session, bot_token=token, workers=4)
'''


def _call(text: str) -> ast.Call:
    return ast.parse(text, mode="eval").body  # type: ignore[return-value]


def _base_args(instantiation: str) -> str:
    m = Module("m.py", ast.parse(SOURCE), SOURCE)
    return ast.unparse(super_init(m, "Client", _call(instantiation)))


def test_default_of_a_parameter_handed_on():
    assert _base_args("Client()") == "super().__init__('renamer', bot_token=token, workers=4)"


def test_argument_of_the_instantiation_wins():
    assert _base_args("Client('other')") == "super().__init__('other', bot_token=token, workers=4)"
    assert _base_args("Client(session=name)") == "super().__init__(name, bot_token=token, workers=4)"


def test_starred_instantiation_keeps_defaults_only():
    assert _base_args("Client(*argv)") == "super().__init__('renamer', bot_token=token, workers=4)"


def test_no_init_is_the_instantiation():
    m = Module("m.py", ast.parse("class Client(Base):\n    pass\n"), "class Client(Base):\n    pass\n")
    assert ast.unparse(super_init(m, "Client", _call("Client('x')"))) == "Client('x')"
