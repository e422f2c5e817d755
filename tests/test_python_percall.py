"""code/python.py, python_factories.py, python_resolve.py: per-call work of the Python walk
that must not grow with the size of the rest of the program (operations counted, not time).

- a method called by name (`handler.process()` on a receiver the walk cannot type) meets only
  the instantiated classes that have a method of that name, and a class instantiated meets
  only the calls of its own method names: not every instance per call (#13);
- the classes a module-level name holds (`client = Client()`) are worked out once per module,
  not once per function that calls a method on it, unless one of its values is `cls(...)`
  (the class then depends on the classmethod it is read in);
- the `sys.argv`/argparse reading of a test on the way to a singleton (python_argv) is done
  once per module and line, not once per evidence whose trace passes that test.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from deploylint.code import python as walker
from deploylint.code import python_argparse, python_argv, python_resolve
from deploylint.engine import scan


def _counted(root: Path, owner, name: str) -> tuple[int, list[str]]:
    calls = 0
    original = getattr(owner, name)

    def counted(self, *args, **kwargs):
        nonlocal calls
        calls += 1
        return original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(owner, name, counted)
        result = scan(root)
    return calls, sorted(f"{f.code} {f.location.path}:{f.location.line}" for f in result.findings)


def _classes(root: Path, count: int) -> None:
    """`count` classes each with its own method, all instantiated, each method called by
    name on a parameter (a receiver of unknown class); the last one polls Telegram."""
    classes = "".join(f"class Worker{i}:\n    def step_{i}(self):\n        return {i}\n\n" for i in range(count))
    classes += ("class Poller:\n    def step_poll(self):\n"
                "        Application.builder().token('x').build().run_polling()\n\n")
    made = "".join(f"    Worker{i}()\n" for i in range(count))
    called = "".join(f"    handler.step_{i}()\n" for i in range(count))
    (root / "bot.py").write_text(
        "from telegram.ext import Application\n\n" + classes +
        f"def make():\n{made}    Poller()\n\n"
        f"def drive(handler):\n{called}    handler.step_poll()\n\n"
        "make()\ndrive(None)\n")
    (root / "Procfile").write_text("worker: python bot.py\nbot: python bot.py\n")


def test_method_calls_by_name_meet_only_the_classes_with_that_method(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir(), large.mkdir()
    _classes(small, 10)
    _classes(large, 80)
    joins_small, found_small = _counted(small, walker._Walker, "_join")
    joins_large, found_large = _counted(large, walker._Walker, "_join")
    # every name meets one class: linear (each `step_i` joins `Worker{i}` once per process walk)
    assert joins_large <= 8.5 * joins_small + 8, (joins_small, joins_large)
    assert any(f.startswith("DPL101 ") for f in found_large), found_large  # the joined method is walked
    assert found_small == found_large


def _shared_client(root: Path, functions: int, classmethod_value: bool = False) -> None:
    """A module-level `client = Client()` used by `functions` functions (`client.send()`)."""
    uses = "".join(f"def use_{i}():\n    client.send({i})\n\n" for i in range(functions))
    calls = "".join(f"use_{i}()\n" for i in range(functions))
    made = "cls()" if classmethod_value else "Client()"
    (root / "bot.py").write_text(
        "from telegram.ext import Application\n\n"
        "class Client:\n    @classmethod\n    def make(cls):\n        client = " + made + "\n        return client\n\n"
        "    def send(self, n):\n        Application.builder().token('x').build().run_polling()\n\n"
        "client = Client()\n\n" + uses + calls)
    (root / "Procfile").write_text("worker: python bot.py\nbot: python bot.py\n")


@pytest.mark.parametrize("classmethod_value", [False, True])
def test_a_module_level_instance_is_typed_once_per_module(tmp_path, classmethod_value):
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir(), large.mkdir()
    _shared_client(small, 10, classmethod_value)
    _shared_client(large, 80, classmethod_value)
    resolved_small, found_small = _counted(small, python_resolve.Resolver, "resolve")
    resolved_large, found_large = _counted(large, python_resolve.Resolver, "resolve")
    assert found_small == found_large and any(f.startswith("DPL101 ") for f in found_large), found_large
    # one resolve per call site (`client.send`, `use_i`) and the value `Client()` typed once,
    # not once more per function: about 2 per function, not 3
    per_function = (resolved_large - resolved_small) / 70
    if classmethod_value:  # `client = cls()` in a classmethod: its class depends on the function, typed per function
        assert per_function >= 2.5, per_function
    else:
        assert per_function < 2.5, per_function


def _argparse_bot(root: Path, pollers: int) -> None:
    """`pollers` functions that poll, all called under one `if args.mode == "polling":`."""
    polls = "".join(f"def poll_{i}():\n    Application.builder().token('t{i}').build().run_polling()\n\n"
                    for i in range(pollers))
    calls = "".join(f"        poll_{i}()\n" for i in range(pollers))
    (root / "bot.py").write_text(
        "import argparse\nfrom telegram.ext import Application\n\n" + polls +
        "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--mode', default='polling')\n"
        "    args = parser.parse_args()\n    mode = args.mode\n"
        f"    if mode == 'polling' and args.mode != 'webhook':\n{calls}\n"
        "main()\n")
    (root / "Procfile").write_text("worker: python bot.py --mode polling\nbot: python bot.py --mode polling\n"
                                   "web: python bot.py --mode webhook\n")


def test_the_command_line_of_a_test_is_read_once_per_module_and_line(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir(), large.mkdir()
    _argparse_bot(small, 3)
    _argparse_bot(large, 30)
    parsed_small, found_small = _counted_function(small, python_argparse, "_parse_at")
    parsed_large, found_large = _counted_function(large, python_argparse, "_parse_at")
    locals_large, _ = _counted_function(large, python_argv, "_bound_once")
    assert any(f.startswith("DPL101 ") for f in found_large), found_large
    assert not any("Procfile:3" in f for f in found_large), found_large  # the webhook process does not poll
    assert parsed_large == parsed_small > 0, (parsed_small, parsed_large)  # not once per evidence
    assert 0 < locals_large <= 2, locals_large


def _counted_function(root: Path, module, name: str) -> tuple[int, list[str]]:
    calls = 0
    original = getattr(module, name)

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, name, counted)
        result = scan(root)
    return calls, sorted(f"{f.code} {f.location.path}:{f.location.line}" for f in result.findings)
