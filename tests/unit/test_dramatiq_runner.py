"""dramatiq's worker command line: modules, -p/--processes, -Q queues that take several words."""
from deploylint.model import Location
from deploylint.commands import Call
from deploylint.runners.dramatiq import _parse, _processes


def _call(*argv):
    return Call(tuple(argv), Location("Procfile", 1, 1))


def test_modules_and_processes():
    options, modules = _parse(["app.broker", "app.tasks", "-p", "4", "--threads", "2"])
    assert modules == ["app.broker", "app.tasks"]
    assert _processes(options, _call("dramatiq")).count == 4


def test_long_and_glued_forms():
    assert _processes(_parse(["--processes=3", "tasks"])[0], _call("dramatiq")).count == 3
    assert _processes(_parse(["-p2", "tasks"])[0], _call("dramatiq")).count == 2


def test_queues_take_words_up_to_the_next_option():
    options, modules = _parse(["tasks", "-Q", "mail", "reports", "-p", "1"])
    assert modules == ["tasks"]
    assert _processes(options, _call("dramatiq")).count == 1


def test_default_and_variable_processes_are_assumed():
    default = _processes(_parse(["tasks"])[0], _call("dramatiq"))
    assert default.assumed and default.count == 2
    variable = _processes(_parse(["tasks", "-p", "$N"])[0], _call("dramatiq"))
    assert variable.assumed


def test_path_option_is_kept_apart():
    options, modules = _parse(["-P", "src", "--path=lib", "tasks"])
    assert options["paths"] == ["src", "lib"] and modules == ["tasks"]


def test_processes_from_the_environment_or_its_written_default():
    options = _parse(["tasks", "--processes=${WORKERS:-1}"])[0]
    assert _processes(options, _call("dramatiq"), {}).count == 1
    assert _processes(options, _call("dramatiq"), {"WORKERS": "3"}).count == 3
    assert _processes(_parse(["tasks", "-p", "$N"])[0], _call("dramatiq"), {"N": "4"}).count == 4
