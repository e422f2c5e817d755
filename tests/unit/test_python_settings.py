"""Settings objects read by the environment guard (code/python_settings): pydantic's field
names, prefixes, aliases and bool words."""
from __future__ import annotations

import ast

import pytest

from deploylint.code.python_condition import UNKNOWN
from deploylint.code.python_settings import _from_environment, boolean


def _class(source: str) -> ast.ClassDef:
    return next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef))


SETTINGS = """
class S(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    use_webhook: bool = False
    mode: str = "polling"
    port: int = 80
    token: str = Field(default="", alias="BOT_TOKEN")
    extra: list = []
"""


@pytest.mark.parametrize("attr, env, expected", [
    ("use_webhook", {"APP_USE_WEBHOOK": "true"}, True),
    ("use_webhook", {"app_use_webhook": "Yes"}, True),  # case-insensitive names and words
    ("use_webhook", {"APP_USE_WEBHOOK": "0"}, False),
    ("use_webhook", {"APP_USE_WEBHOOK": "maybe"}, UNKNOWN),  # pydantic rejects it
    ("use_webhook", {"USE_WEBHOOK": "true"}, UNKNOWN),  # without the prefix: not this field
    ("use_webhook", {}, UNKNOWN),  # not set here: may come from .env or a dashboard
    ("use_webhook", {"APP_USE_WEBHOOK": "${FLAG}"}, UNKNOWN),
    ("mode", {"APP_MODE": "webhook"}, "webhook"),
    ("port", {"APP_PORT": "8443"}, 8443),
    ("port", {"APP_PORT": "x"}, UNKNOWN),
    ("token", {"BOT_TOKEN": "t"}, "t"),  # an alias is the whole name
    ("extra", {"APP_EXTRA": "[]"}, UNKNOWN),
    ("missing", {"APP_MISSING": "1"}, UNKNOWN),
])
def test_pydantic_field(attr, env, expected):
    assert _from_environment(_class(SETTINGS), attr, env) == expected if expected is not UNKNOWN else \
        _from_environment(_class(SETTINGS), attr, env) is UNKNOWN


def test_inner_config_class_and_case_sensitive():
    source = ("class S(pydantic.BaseSettings):\n    flag: bool = False\n"
              "    class Config:\n        env_prefix = 'X_'\n        case_sensitive = True\n")
    assert _from_environment(_class(source), "flag", {"X_flag": "1"}) is True
    assert _from_environment(_class(source), "flag", {"X_FLAG": "1"}) is UNKNOWN


@pytest.mark.parametrize("word, expected", [("on", True), ("OFF", False), (" t ", True), ("2", UNKNOWN),
                                            (None, UNKNOWN), (UNKNOWN, UNKNOWN)])
def test_boolean(word, expected):
    assert boolean(word) is expected


def test_environs_bool_read(tmp_path):
    from deploylint.code.python_env_guard import _truth
    from deploylint.repo import Repo

    (tmp_path / "m.py").write_text("x = 1\n")
    repo = Repo(str(tmp_path))
    node = ast.parse('env.bool("USE_WEBHOOK")', mode="eval").body
    assert _truth(repo, "m.py", node, {"USE_WEBHOOK": "yes"}) is True
    assert _truth(repo, "m.py", node, {"USE_WEBHOOK": "0"}) is False
    assert _truth(repo, "m.py", node, {}) is UNKNOWN
