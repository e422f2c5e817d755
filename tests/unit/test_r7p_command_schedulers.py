"""taskiq's scheduler process recognised from its argv (code.command_schedulers)."""
from deploylint.code import command_schedulers
from deploylint.model import Location, Process


def _evidence(*argv):
    return command_schedulers(Process(argv=argv, location=Location("docker-compose.yml", 3)))


def test_taskiq_scheduler_is_a_scheduler_singleton():
    (found,) = _evidence("taskiq", "scheduler", "app.tasks:scheduler")
    assert found.kind == "scheduler" and found.is_singleton
    assert found.family == "scheduler:taskiq:app.tasks:scheduler"
    assert found.singleton == "taskiq scheduler `app.tasks:scheduler` (taskiq)"


def test_wrapped_and_optioned_forms():
    assert _evidence("python", "-m", "taskiq", "scheduler", "--skip-first-run", "a:s")[0].family == "scheduler:taskiq:a:s"
    assert _evidence("/venv/bin/taskiq", "scheduler", "a:s")
    assert _evidence("taskiq", "scheduler")[0].family == "scheduler:taskiq:"


def test_worker_and_other_programs_are_not_schedulers():
    assert _evidence("taskiq", "worker", "app.tasks:broker") == []
    assert _evidence("taskiq") == []
    assert _evidence("python", "scheduler.py", "taskiq") == []
    assert _evidence("celery", "-A", "proj", "beat") == []
