"""env_test / env_decides: one environment test in a webhook-or-polling branch (js_expr)."""
from __future__ import annotations

import textwrap

import pytest

from deploylint.code.js_expr import env_decides, env_test
from deploylint.code.js_module import load, descendants
from deploylint.discover import discover


def condition(tmp_path, source: str):
    (tmp_path / "index.js").write_text(textwrap.dedent(source))
    module = load(discover(tmp_path), "index.js")
    node = next(n for n in descendants(module.root) if n.type == "if_statement")
    return module, node.child_by_field_name("condition")


@pytest.mark.parametrize("source, expected", [
    ("if (process.env.NODE_ENV === 'production') {}", ("NODE_ENV", "==", "production", True)),
    ("if ('production' !== process.env.NODE_ENV) {}", ("NODE_ENV", "==", "production", False)),
    ("if (!process.env.WEBHOOK_URL) {}", ("WEBHOOK_URL", "truthy", "", False)),
    ("const isProd = process.env.NODE_ENV == 'prod';\nif (isProd) {}", ("NODE_ENV", "==", "prod", True)),
    ("if (process.env.A === 'x' && process.env.B) {}", None),
    ("if ((process.env.MODE || 'polling') === 'webhook') {}", None),
])
def test_env_test(tmp_path, source, expected):
    module, cond = condition(tmp_path, source)
    assert env_test(module, cond) == expected


def test_env_decides():
    test = ("NODE_ENV", "==", "production", True)
    assert env_decides(test, {"NODE_ENV": "production"}) is True
    assert env_decides(test, {"NODE_ENV": "staging"}) is False
    assert env_decides(test, {}) is None
    assert env_decides(test, {"NODE_ENV": "${NODE_ENV}"}) is None
    assert env_decides(("USE_WEBHOOK", "truthy", "", True), {"USE_WEBHOOK": "false"}) is True  # a non-empty string
    assert env_decides(("USE_WEBHOOK", "truthy", "", False), {"USE_WEBHOOK": ""}) is True
