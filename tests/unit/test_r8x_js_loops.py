"""Loops and mutation in the shared JS/TS evaluator (code/js_eval): `for ... of` / `for
... in` over values the file writes, `obj[key] = value`, `list.push(...)`, array
destructuring; a loop over something unknown is skipped, a huge one stops at the budget."""
from __future__ import annotations

from deploylint.code.js_eval import Evaluator
from deploylint.code.js_static import Unknown
from deploylint.treesitter import parse


def run(body: str):
    source = f"function f() {{\n{body}\n}}\nexport default f();"
    tree = parse("typescript", source)
    evaluator = Evaluator("x.ts", source)
    return evaluator.exports(tree.root_node), evaluator


def test_for_of_with_subscript_assignment():
    value, _ = run("const s = {};\nfor (const n of ['a', 'b']) { s[n] = n + '!'; }\nreturn s;")
    assert dict(value) == {"a": "a!", "b": "b!"}


def test_for_of_with_push_and_array_pattern():
    value, _ = run("const out = [];\nfor (const [k, v] of Object.entries({x: 1, y: 2})) { out.push(k + v); }\nreturn out;")
    assert list(value) == ["x1", "y2"]


def test_for_in_over_object_keys_and_member_assignment():
    value, _ = run("const o = {};\nfor (const k in {p: 1, q: 2}) { o.last = k; }\nreturn o;")
    assert dict(value) == {"last": "q"}


def test_return_inside_loop():
    value, _ = run("for (const n of [1, 2, 3]) { if (n === 2) { return n * 10; } }\nreturn 0;")
    assert value == 20


def test_unknown_iterable_is_skipped():
    value, _ = run("const s = {};\nfor (const n of process.argv) { s[n] = 1; }\nreturn s;")
    assert dict(value) == {}


def test_huge_loop_stops_at_the_budget():
    value, evaluator = run("const out = [];\nconst big = Array.from({length: 5}).map(() => 1);\n"
                           "for (const a of [" + ", ".join(["1"] * 1500) + "]) { out.push(a); }\nreturn out;")
    assert evaluator.exhausted or isinstance(value, Unknown) or len(value) <= 1000


def test_index_assignment_on_array():
    value, _ = run("const a = [1];\na[1] = 2;\na[0] = 5;\na[99] = 7;\nreturn a;")
    assert list(value) == [5, 2]
