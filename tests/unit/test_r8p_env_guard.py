"""Environment tests on the way to a Python singleton, decided by the process's env
(code.python_env_guard)."""
import ast

from deploylint.code.python_env_guard import _UNKNOWN, _truth, filter_by_environment
from deploylint.model import Evidence, Location, Step
from deploylint.repo import Repo


def _value(expr, env, tmp_path, module=""):
    (tmp_path / "m.py").write_text(module)
    repo = Repo(str(tmp_path), ["m.py"])
    return _truth(repo, "m.py", ast.parse(expr, mode="eval").body, env, 0)


def test_environment_reads_and_literals(tmp_path):
    env = {"RUN_BOT": "True ", "MODE": "webhook", "EMPTY": ""}
    assert _value('os.getenv("RUN_BOT").strip().lower() == "true"', env, tmp_path) is True
    assert _value('os.environ.get("MODE", "polling") != "webhook"', env, tmp_path) is False
    assert _value('os.environ["MODE"] in ("polling", "both")', env, tmp_path) is False
    assert _value('os.environ["MODE"] not in ("polling",)', env, tmp_path) is True
    assert _value('not os.getenv("EMPTY")', env, tmp_path) is True
    assert _value('os.getenv("MODE") == "webhook" and flag', env, tmp_path) is _UNKNOWN
    assert _value('os.getenv("MODE") == "polling" and flag', env, tmp_path) is False
    assert _value('os.getenv("MODE") == "webhook" or flag', env, tmp_path) is True


def test_unset_substituted_or_cast_values_stay_undecided(tmp_path):
    assert _value('os.getenv("OTHER", "1") == "1"', {"X": "1"}, tmp_path) is _UNKNOWN
    assert _value('os.getenv("X") == "1"', {"X": "${X}"}, tmp_path) is _UNKNOWN
    assert _value('config("X", cast=bool)', {"X": "False"}, tmp_path) is _UNKNOWN
    assert _value('int(os.getenv("X")) > 0', {"X": "1"}, tmp_path) is _UNKNOWN


def test_module_level_flags(tmp_path):
    module = 'import os\nRUN = os.getenv("RUN", "0") == "1"\nTWICE = 1\nTWICE = 2\n'
    assert _value("RUN", {"RUN": "0"}, tmp_path, module) is False
    assert _value("TWICE == 1", {}, tmp_path, module) is _UNKNOWN  # bound twice: not a constant


def test_filter_drops_only_decided_false(tmp_path):
    (tmp_path / "app.py").write_text('import os\nif os.getenv("POLL") == "1":\n    bot.polling()\nelse:\n    hook()\n')
    repo = Repo(str(tmp_path), ["app.py"])
    test_at = Location("app.py", 2, 4)
    body = Evidence("polling", "x", Location("app.py", 3, 5), trace=(Step(test_at, 'if `os.getenv("POLL") == "1"`'),))
    other = Evidence("polling", "y", Location("app.py", 5, 5), trace=(Step(test_at, 'else of `if os.getenv("POLL")`'),))
    assert filter_by_environment(repo, [body, other], {"POLL": "0"}) == [other]
    assert filter_by_environment(repo, [body, other], {"POLL": "1"}) == [body]
    assert filter_by_environment(repo, [body, other], {"OTHER": "1"}) == [body, other]
