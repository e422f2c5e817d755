"""The indexes of one parsed Python module (python_module) and the depth budget check
(safe._ast_deepest) give exactly what the plain full walks give, for less work:
assignments are read from statements only (in the order of the full walk), environment
names and the depth check keep their answers.
"""
from __future__ import annotations

import ast

import pytest

from deploylint import safe
from deploylint.code import python_module as pm
from deploylint.code import python_walk
from deploylint.code import python_values as sig

TRICKY = '''
import os
TOKEN = os.getenv("BOT_TOKEN")
a, (b, c) = 1, (2, 3)
x: int = 5
with open("f") as handle, lock() as (k, v):
    inside_with = Client("s")
try:
    from telegram import Bot
    bot = Bot(TOKEN)
except ImportError as error:
    bot = None
else:
    backup = os.environ["BACKUP"]
finally:
    done = True
for i in range(3):
    loop_value = i
else:
    loop_done = 1
while False:
    never = 1
match command:
    case "poll":
        mode = "polling"
    case _:
        mode = "webhook"

class Runner:
    name = "runner"

    def __init__(self):
        self.client = Client(os.environ.get("SESSION"))
        self.client.token = TOKEN

    async def run(self):
        async with self.client as client:
            async for update in client.updates():
                self.last = update

def main():
    def inner():
        nested = Runner()
        return nested
    app = inner()
    app.start()
'''


def _reference(tree: ast.AST) -> tuple[dict, list[str]]:
    """The former one-pass index: every node, assignments and environment names together."""
    assigned: dict[str, list[ast.expr]] = {}
    names: list[str] = []

    def assign(target, value):
        if isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for t, v in zip(target.elts, value.elts):
                    assign(t, v)
            return
        key = target.id if isinstance(target, ast.Name) else "." + target.attr if isinstance(target, ast.Attribute) else None
        if key:
            assigned.setdefault(key, []).append(value)

    for node in pm.walk(tree):
        if type(node) in pm._ASSIGNS and node.value is not None:
            for target in node.targets if type(node) is ast.Assign else [node.target]:
                assign(target, node.value)
        elif type(node) is ast.withitem and node.optional_vars is not None:
            assign(node.optional_vars, node.context_expr)
        elif type(node) in (ast.Call, ast.Subscript) and sig.env_name(node):
            names.append(sig.env_name(node))
    return assigned, names


def _identities(index: dict) -> dict:
    return {key: [id(value) for value in values] for key, values in index.items()}


@pytest.mark.parametrize("source", [TRICKY, TRICKY + "\nif (walrus := os.getenv('W')):\n    pass\n",
                                    "def f():\n    if x:\n        y = [z := 1]\n    q = 2\n"])
def test_assignment_index_is_the_full_walk(source):
    tree = ast.parse(source)
    module = pm.Module("m.py", tree, source)
    assigned, names = _reference(tree)
    assert _identities(module.assigned) == _identities(assigned)
    assert module.env_names() == names
    if "class Runner" in source:
        assert [ast.unparse(v) for v in module.values(".client")] == ["Client(os.environ.get('SESSION'))"]
        assert [v.value for v in module.values("mode")] == ["polling", "webhook"]
        assert "BOT_TOKEN" in module.env_names() and "SESSION" in module.env_names()


def _statement_walk(tree):
    """The assignment index's walk of statements (python_walk._keyed, statements only)."""
    return [node for _, node in python_walk._keyed([((0,), tree)], *python_walk._index_fields(False), {})]


def test_statements_are_the_walk_order_of_statements():
    tree = ast.parse(TRICKY)
    kinds = (ast.stmt, ast.excepthandler, ast.match_case, ast.withitem, ast.Module)
    expected = [node for node in pm.walk(tree) if isinstance(node, kinds)]
    assert _statement_walk(tree) == expected


def test_assignments_visit_statements_not_expressions(monkeypatch):
    """A module of a few statements around one 20,000-element literal: the index reads
    the statements, never the elements (operation count, not time)."""
    source = "import os\nDATA = [" + ", ".join(str(i) for i in range(20000)) + "]\nTOKEN = os.getenv('T')\n"
    tree = ast.parse(source)
    walked = []
    monkeypatch.setattr(pm, "walk", lambda node: walked.append(node) or [])
    module = pm.Module("m.py", tree, source)
    assert set(module.assigned) == {"DATA", "TOKEN"}
    assert walked == []  # no walk over every node
    assert len(_statement_walk(tree)) == 4


def test_environment_names_without_env_words_are_not_walked():
    source = "import os\nX = os.get('NAME')\n"  # not an environment read, and no env/config word
    module = pm.Module("m.py", ast.parse(source), source)
    assert module.env_names() == []


def _reference_deepest(tree, limit):
    """The former depth check (ast.iter_child_nodes, a generator per node)."""
    deepest, stack = 0, [(tree, 1, 1)]
    while stack:
        node, depth, line = stack.pop()
        line = getattr(node, "lineno", line)
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest, line
        span = (limit - depth - 9) // 3
        stack.extend((child, depth + 1, line) for child in ast.iter_child_nodes(node)
                     if getattr(child, "end_col_offset", None) is None or child.lineno != child.end_lineno
                     or child.end_col_offset - child.col_offset > span)
    return deepest, None


DEEP = [
    TRICKY,
    "x = " + "+".join(["1"] * 300) + "\n",
    "x = a" + ".b" * 300 + "\n",
    "print(" * 90 + ")" * 90 + "\n",
    "x = " + "[" * 60 + "]" * 60 + "\n",
    "".join(" " * i + "if x:\n" for i in range(60)) + " " * 60 + "pass\n",
    "def f():\n    return (\n" + "".join(f"        a{i} +\n" for i in range(150)) + "        0)\n",
    "while True:\n    pass\n    break\n    continue\n",
]


@pytest.mark.parametrize("limit", [6, 12, 30, 60, 200])
@pytest.mark.parametrize("index", range(len(DEEP)))
def test_depth_check_answers_as_before(index, limit):
    tree = ast.parse(DEEP[index])
    assert safe._ast_deepest(tree, limit) == _reference_deepest(tree, limit)
