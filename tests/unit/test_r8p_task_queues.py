"""huey consumers and periodiq recognised from their argv (code.task_queues), the APM agent
wrappers (runners.shell) and `python <env>/bin/<tool>` (runners.python)."""
from deploylint.code import command_schedulers
from deploylint.commands import Call, Context
from deploylint.model import Location, Process
from deploylint.repo import Repo
from deploylint.runners import runner_for
from deploylint.runners.python import _installed_tool


def _evidence(*argv, repo=None):
    return command_schedulers(Process(argv=argv, location=Location("Procfile", 2)), repo)


def test_huey_consumer_forms_are_schedulers_without_a_repository():
    for argv in (("huey_consumer", "app.tasks.huey"), ("/usr/local/bin/huey_consumer", "app.tasks.huey", "-w", "4"),
                 ("huey_consumer.py", "-k", "process", "app.tasks.huey"),
                 ("python", "-m", "huey.bin.huey_consumer", "app.tasks.huey")):
        (found,) = _evidence(*argv)
        assert found.kind == "scheduler" and found.is_singleton
        assert found.family == "scheduler:huey:app.tasks.huey", argv
        assert found.singleton == "huey periodic tasks `app.tasks.huey` (huey)"


def test_option_values_are_not_the_huey_spec():
    assert _evidence("huey_consumer", "-l", "huey.log", "-w", "2", "main.huey")[0].family == "scheduler:huey:main.huey"


def test_no_periodic_consumers_schedule_nothing():
    assert _evidence("huey_consumer", "app.tasks.huey", "-n") == []
    assert _evidence("huey_consumer", "app.tasks.huey", "--no-periodic") == []
    assert _evidence("huey_consumer", "app.tasks.huey", "-vn") == []
    assert _evidence("python", "manage.py", "run_huey", "--no-periodic") == []
    assert _evidence("huey_consumer", "app.tasks.huey", "-v")  # -v alone is verbose, still periodic


def test_django_run_huey():
    (found,) = _evidence("python", "manage.py", "run_huey", "--workers", "4")
    assert found.family == "scheduler:huey:settings.HUEY"
    assert _evidence("python", "manage.py", "runserver") == []
    assert _evidence("python", "manage.py", "migrate", "run_huey") == []  # an argument of migrate


def test_periodiq():
    (found,) = _evidence("periodiq", "-v", "jobs.actors")
    assert found.family == "scheduler:periodiq:jobs.actors" and found.singleton.endswith("(periodiq)")
    assert _evidence("poetry", "run", "periodiq", "jobs")[0].family == "scheduler:periodiq:jobs"
    assert _evidence("dramatiq", "jobs.actors", "-p", "2") == []
    assert _evidence("python", "report.py", "a", "b", "periodiq") == []  # a late argument, not the program


def test_locked_redis_schedulers_are_not_singletons():
    assert _evidence("rq", "worker", "--with-scheduler") == []
    assert _evidence("rqscheduler", "--url", "redis://r") == []
    assert _evidence("arq", "app.worker.WorkerSettings") == []


def test_huey_needs_a_periodic_task_in_the_repository(tmp_path):
    (tmp_path / "tasks.py").write_text("from huey import RedisHuey\nhuey = RedisHuey()\n\n@huey.task()\ndef a():\n    pass\n")
    repo = Repo(str(tmp_path), ["tasks.py"])
    assert _evidence("huey_consumer", "tasks.huey", repo=repo) == []
    (tmp_path / "cron.py").write_text("from tasks import huey\n# periodic_task is huey's cron\n\n"
                                      "@huey.periodic_task(crontab(minute='0'))\ndef b():\n    pass\n")
    repo = Repo(str(tmp_path), ["tasks.py", "cron.py"])
    (found,) = _evidence("huey_consumer", "tasks.huey", repo=repo)
    assert found.trace[-1].location == Location("cron.py", 4, 1)  # the decorator, not the comment


def _run(text, tmp_path, files=()):
    for name, body in files:
        (tmp_path / name).write_text(body)
    repo = Repo(str(tmp_path), [name for name, _ in files])
    ctx = Context(repo=repo)
    argv = tuple(text.split())
    return runner_for(argv[0])(Call(argv, Location("Procfile", 1)), ctx).processes


def test_agents_run_the_rest_of_the_line(tmp_path):
    files = [("bot.py", "print(1)\n")]
    (p,) = _run("newrelic-admin run-python bot.py", tmp_path, files)
    assert p.entry == "bot.py" and p.argv[:2] == ("python", "bot.py")
    (p,) = _run("newrelic-admin run-program python bot.py", tmp_path, files)
    assert p.entry == "bot.py"
    (p,) = _run("ddtrace-run -d python bot.py", tmp_path, files)
    assert p.entry == "bot.py"
    (p,) = _run("opentelemetry-instrument --service_name x --logs_exporter=console python bot.py", tmp_path, files)
    assert p.entry == "bot.py"
    (p,) = _run("newrelic-admin generate-config KEY newrelic.ini", tmp_path, files)
    assert not p.long_running


def test_tools_run_by_path_from_a_bin_directory():
    assert _installed_tool("/app/.heroku/python/bin/celery") == "celery"
    assert _installed_tool(".venv/bin/gunicorn") == "gunicorn"
    assert _installed_tool("bin/huey_consumer.py") == "huey_consumer.py"
    assert _installed_tool("/app/scripts/celery") is None
    assert _installed_tool("/usr/bin/mybot") is None


def test_assigned_lifespan_is_a_registration_call():
    import ast

    from deploylint.code.python_hooks import assigned_hook, hook_references

    (stmt,) = ast.parse("app.router.lifespan_context = lifespan").body
    call = assigned_hook(stmt)
    assert call is not None and [how for _, how in hook_references(call)] == ["lifespan=lifespan"]
    (stmt,) = ast.parse("app.router.on_startup = [start_bot, warm]").body
    assert [how for _, how in hook_references(assigned_hook(stmt))] == ["on_startup=start_bot", "on_startup=warm"]
    for text in ("original = app.router.lifespan_context", "app.router.lifespan_context = None",
                 "app.title = lifespan", "a.lifespan_context, b = x, y"):
        (stmt,) = ast.parse(text).body
        assert assigned_hook(stmt) is None, text
