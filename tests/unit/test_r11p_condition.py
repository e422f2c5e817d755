"""The one Python condition evaluator (code.python_condition), with the two lookups that
use it: sub-command arguments and the process environment."""
import ast

from deploylint.code.python_condition import UNKNOWN, evaluate, taken


def _value(expr, names):
    def lookup(node, _depth):
        return names.get(node.id, UNKNOWN) if isinstance(node, ast.Name) else UNKNOWN
    return evaluate(ast.parse(expr, mode="eval").body, lookup)


def test_folds_with_a_lookup():
    assert _value('what == "bot"', {"what": "all"}) is False
    assert _value('what.lower() in ("all", "bot")', {"what": "ALL"}) is True
    assert _value('not what or what == "web"', {"what": "web"}) is True
    assert _value('what == "bot" and other', {"what": "bot"}) is UNKNOWN
    assert _value('what == "web" and other', {"what": "bot"}) is False
    assert _value('what.startswith("b")', {"what": "bot"}) is True
    assert _value('bool(what)', {"what": ""}) is False


def test_unknown_leaves_and_odd_input_stay_undecided():
    assert _value("what > 1", {"what": "2"}) is UNKNOWN  # ordering: integers only (r13py: `len(sys.argv) > 1`)
    assert _value("what > 1", {"what": 2}) is True
    assert _value("what >= True", {"what": 2}) is UNKNOWN  # a bool is not an integer here
    assert _value("a == b == c", {"a": 1, "b": 1, "c": 1}) is UNKNOWN
    assert _value("f(what)", {"what": "x"}) is UNKNOWN
    assert _value("b'x' == what", {"what": "x"}) is UNKNOWN
    deep = "not " * 40 + "what"
    assert _value(deep, {"what": True}) is UNKNOWN  # deeper than the evaluator goes


def test_taken_reads_the_branch():
    assert taken("if `what == 'bot'`", False) is False
    assert taken("else of `if what == 'bot'`", False) is True
    assert taken("when not `lease()`", True) is False
    assert taken("if `x`", UNKNOWN) is None
