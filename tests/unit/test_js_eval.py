"""The shared static JS/TS evaluator (code/js_static + js_eval): values, functions,
branches and budgets. Nothing is ever run."""
from __future__ import annotations

import math

import pytest

from deploylint.code.js_eval import Evaluator
from deploylint.code.js_static import Arr, DirPath, Obj, Unknown, count_of, truth
from deploylint.treesitter import parse


def evaluate(source: str, language: str = "typescript"):
    """The value of `export default <expr>` after the file's declarations."""
    tree = parse(language, source)
    evaluator = Evaluator("x.ts", source)
    return evaluator.exports(tree.root_node), evaluator


@pytest.mark.parametrize("expression, expected", [
    ("1 + 2 * 3", 7),
    ("'a' + `b${1 + 1}`", "ab2"),
    ("0x10", 16),
    ("1_000", 1000),
    ("-(3)", -3),
    ("!0", True),
    ("null ?? 'x'", "x"),
    ("0 || 5", 5),
    ("'' && 5", ""),
    ("2 > 1 ? 'y' : 'n'", "y"),
    ("[1, 2, 3].length", 3),
    ("({a: {b: 4}}).a.b", 4),
    ("({a: 1})['a']", 1),
    ("'prod' === 'prod'", True),
    ("1 === '1'", False),
    ("(2 as number)", 2),
])
def test_expressions(expression, expected):
    value, _ = evaluate(f"export default {expression};")
    assert value == expected


def test_constants_and_small_functions():
    value, _ = evaluate("""
const BASE = 2;
function double(n: number): number { const m = n * BASE; return m; }
const pick = (env) => { if (env === "production") { return double(BASE); } else { return 1; } };
export default { prod: pick("production"), dev: pick("dev"), arrow: ((x) => x + 1)(1) };
""")
    assert (value["prod"], value["dev"], value["arrow"]) == (4, 1, 2)


def test_undecided_condition_keeps_both_values():
    value, _ = evaluate("export default process.env.PROD ? 3 : 1;")
    assert isinstance(value, Unknown) and set(value.options) == {3, 1}
    assert count_of(value) == 3  # the worst case
    value, _ = evaluate("function f() { if (process.env.X) return 2; return 1; } export default f();")
    assert isinstance(value, Unknown) and count_of(value) == 2


def test_non_literal_values_are_unknown():
    for expression in ("process.env.REPLICAS", "os.cpus().length", "Number(x)", "await load()", "new Foo()"):
        value, _ = evaluate(f"export default {expression};")
        assert isinstance(value, Unknown), expression
        assert count_of(value) is None


def test_objects_remember_locations_and_texts():
    value, _ = evaluate("export default {\n  replicas: prod ? 2 : 1,\n  ...{ a: 1 },\n};")
    assert isinstance(value, Obj)
    assert value.values_at["replicas"].line == 2 and value.texts["replicas"] == "prod ? 2 : 1"
    assert value["a"] == 1


def test_dirname_paths_and_path_join():
    value, _ = evaluate("const path = require('path'); module.exports = path.join(__dirname, 'dist', 'bot.js');", "javascript")
    assert isinstance(value, DirPath) and value == "dist/bot.js"


def test_impure_function_result_is_unknown():
    value, _ = evaluate("export default (() => { execSync('touch x'); return 'bot.js'; })();")
    assert isinstance(value, Unknown)


@pytest.mark.parametrize("expression", ["1e999", "99999999999999999999999999", "Infinity"])
def test_huge_numbers_are_capped_counts(expression):
    value, _ = evaluate(f"export default {expression};")
    assert count_of(value) == 10_000


@pytest.mark.parametrize("expression", ["NaN", "-2", "1.5", "'two'", "true", "0 / 0"])
def test_not_a_count(expression):
    value, _ = evaluate(f"export default {expression};")
    assert count_of(value) is None


def test_truthiness():
    assert truth(math.nan) is False and truth("") is False and truth(Obj(None)) is True
    assert truth(Arr(None)) is True and truth(Unknown("x")) is None
    assert truth(Unknown("x", (1, 2))) is True


def test_deep_nesting_costs_an_unknown_not_a_crash():
    source = "export default " + "(" * 3000 + "2" + ")" * 3000 + ";"
    value, evaluator = evaluate(source)
    assert isinstance(value, Unknown) and evaluator.exhausted
    source = "export default " + "[" * 3000 + "]" * 3000 + ";"
    value, _ = evaluate(source)
    assert isinstance(value, (Arr, Unknown))
    source = "export default " + "{a: " * 2000 + "1" + "}" * 2000 + ";"
    value, _ = evaluate(source)
    assert isinstance(value, (Obj, Unknown))


def test_recursion_and_exponential_branches_hit_the_budget():
    value, evaluator = evaluate("function f(n) { return f(n + 1); } export default f(0);")
    assert isinstance(value, Unknown) and evaluator.exhausted
    branches = "".join(f"if (process.env.X{i}) {{ n = n + 1; }}\n" for i in range(40))
    value, evaluator = evaluate(f"function g() {{ let n = 0;\n{branches} return n; }} export default g();")
    assert isinstance(value, Unknown)


@pytest.mark.parametrize("source, expected", [
    ("export default ['a', 'b'].map((n, i) => n + i);", ["a0", "b1"]),
    ("export default [1, 2, 3].filter((n) => n > 1).length;", 2),
    ("export default [[1], [2, 3]].flatMap((x) => x);", [1, 2, 3]),
    ("export default ['x', 'y'].includes('y');", True),
    ("export default ['x', 'y'].join('-');", "x-y"),
    ("export default [1].concat([2], 3);", [1, 2, 3]),
    ("export default [1, 2, 3].find((n) => n > 1);", 2),
    ("export default [1, 2].some((n) => n > 5);", False),
    ("const K = ['A', 'B'];\nexport default Object.fromEntries(K.map((k) => [k, k.length]));", {"A": 1, "B": 1}),
    ("export default Object.keys({ a: 1, b: 2 });", ["a", "b"]),
    ("export default Object.entries({ a: 1 })[0][1];", 1),
    ("export default Object.assign({ a: 1 }, { b: 2 });", {"a": 1, "b": 2}),
    ("export default Object.freeze({ a: 1 }).a;", 1),
    ("export default 'abc'.startsWith('ab');", True),
])
def test_standard_methods(source, expected):
    value, _ = evaluate(source)
    assert value == expected


def test_unknown_callbacks_and_receivers_stay_unknown():
    value, _ = evaluate("export default [1, 2].filter((n) => n > process.env.MIN);")
    assert isinstance(value, Unknown)
    value, _ = evaluate("export default process.env.LIST.map((n) => n);")
    assert isinstance(value, Unknown)
    value, _ = evaluate("const Object = { keys: (x) => 7 };\nexport default Object.keys({});")
    assert value == 7  # a local `Object` is not the global one


def test_object_rest_pattern_and_throw():
    value, _ = evaluate("function f(o) { const { a, ...rest } = o; return rest; }\nexport default f({ a: 1, b: 2, c: 3 });")
    assert value == {"b": 2, "c": 3}
    from deploylint.code.js_static import Thrown

    value, _ = evaluate("function f(x) { if (x === 1) throw new Error('no'); return x; }\nexport default f(1);")
    assert isinstance(value, Thrown)
    value, _ = evaluate("function f(x) { if (x === 1) throw new Error('no'); return x; }\nexport default f(2);")
    assert value == 2


def test_a_huge_array_method_is_bounded():
    items = ", ".join(str(i) for i in range(2000))
    value, _ = evaluate(f"export default [{items}].map((n) => n);")
    assert isinstance(value, Unknown)
