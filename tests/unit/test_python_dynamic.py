"""Module names importlib calls load, read statically (code/python_dynamic.py)."""
from __future__ import annotations

import ast

import pytest

from deploylint.code.python_dynamic import LIMIT, import_calls, import_names
from deploylint.code.python_module import Module


def _names(text: str, scope: str = "") -> list[str]:
    m = Module("m.py", ast.parse(text), text)
    calls = [n for n in ast.walk(m.tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "import_module"]
    return [name for call in calls for name in import_names(m, scope, call)]


@pytest.mark.parametrize("text, scope, expected", [
    ("import importlib\nimportlib.import_module('a.b')", "", ["a.b"]),
    ("import importlib\nfor n in ('x', 'y'):\n    importlib.import_module(f'pkg.{n}')", "", ["pkg.x", "pkg.y"]),
    ("import importlib\nMODS = ['x']\nfor n in MODS:\n    importlib.import_module('pkg.' + n)", "", ["pkg.x"]),
    ("import importlib\nT = {'a': 'pkg.a', 'b': 'pkg.b'}\ndef f(k):\n    importlib.import_module(T[k])", "f", ["pkg.a", "pkg.b"]),
    ("import importlib\ndef f():\n    for n in ('q',):\n        importlib.import_module(f'p.{n}')", "f", ["p.q"]),
    ("import importlib, os\nfor n in os.listdir('p'):\n    importlib.import_module(f'p.{n[:-3]}')", "", []),
    ("import importlib\nimportlib.import_module(f'p.{n!r}')", "", []),
    ("import importlib\nimportlib.import_module('not a module')", "", []),
    ("import importlib\nfor n in ('a',):\n    pass\ndef f():\n    importlib.import_module(f'p.{n}')", "f", []),
])
def test_import_names(text, scope, expected):
    assert _names(text, scope) == expected


def test_import_names_bounded():
    items = ", ".join(f"'m{i}'" for i in range(500))
    text = f"import importlib\nfor a in ({items}):\n    for b in ({items}):\n        importlib.import_module(f'{{a}}.{{b}}')"
    assert len(_names(text)) <= LIMIT


def test_import_calls_through_a_name():
    text = "import importlib\nmod = importlib.import_module('bots.run')\nmod.main()\nother = make()\n"
    m = Module("m.py", ast.parse(text), text)
    assert [ast.unparse(c) for c in import_calls(m, ast.Name(id="mod"))] == ["importlib.import_module('bots.run')"]
    assert import_calls(m, ast.Name(id="other")) == []
