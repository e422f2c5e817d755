"""The celery runner (app module, sub-command, concurrency) and the worker's task
modules, task bodies and schedules (code/celery.py)."""
from deploylint.code.celery import subcommand, task_modules, tasks_of, _schedules
from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree


def celery(tmp_path, command, files):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    result = analyse(Command(Location("Procfile", 1, 9), shell=command), Context(repo))
    return result.processes, repo


PROJECT = {
    "proj/__init__.py": "from .celery import app\n",
    "proj/celery.py": ("from celery import Celery\napp = Celery('proj', include=['proj.jobs'])\n"
                       "app.conf.update(imports=('proj.more',))\n"
                       "app.conf.beat_schedule = {'tick': {'task': 'proj.jobs.tick', 'schedule': 30.0}}\n"),
    "proj/jobs.py": "from proj.celery import app\n@app.task(name='custom.tick')\ndef tick():\n    pass\n",
    "proj/more.py": "from celery import shared_task\n@shared_task\ndef other():\n    pass\ndef plain():\n    pass\n",
    "proj/tasks_beside.py": "from proj.celery import app\n@app.task\ndef beside():\n    pass\n",
    "proj/util.py": "def helper():\n    pass\n",
}


def test_app_module_subcommand_and_concurrency(tmp_path):
    (process,), repo = celery(tmp_path, "celery -A proj worker -l info --concurrency=4", PROJECT)
    assert (process.kind, process.entry, process.workers.count) == ("celery", "proj/celery.py", 4)
    assert subcommand(process.argv) == "worker" and repo.findings == []
    (process,), _ = celery(tmp_path, "celery --app=proj.celery:app worker -P solo", PROJECT)
    assert (process.entry, process.app, process.workers.count) == ("proj/celery.py", "app", 1)
    (process,), _ = celery(tmp_path, "python -m celery -A proj beat", PROJECT)
    assert process.kind == "celery" and process.workers.count == 1 and subcommand(process.argv) == "beat"
    (process,), _ = celery(tmp_path, "celery -A proj worker", PROJECT)
    assert process.workers.count == 2 and process.workers.assumed


def test_missing_app_module_is_dpl003(tmp_path):
    _, repo = celery(tmp_path, "celery -A proj.nope worker", PROJECT)
    assert [f.code for f in repo.findings] == ["DPL003"]


def test_task_modules_tasks_and_schedules(tmp_path):
    write_tree(tmp_path, PROJECT)
    repo = discover(tmp_path)
    modules = task_modules(repo, "proj/celery.py", "")
    assert modules == ["proj/jobs.py", "proj/more.py", "proj/tasks_beside.py"]
    schedules = _schedules(repo, ["proj/celery.py", *modules])
    (tick,) = tasks_of(repo, "proj/jobs.py", schedules)
    assert tick.name == "custom.tick" and tick.function == "tick" and "every `30.0`" in tick.schedule
    assert [t.name for t in tasks_of(repo, "proj/more.py", schedules)] == ["proj.more.other"]


def test_autodiscover_with_packages_and_without(tmp_path):
    files = {"proj/__init__.py": "", "proj/celery.py": "from celery import Celery\napp = Celery()\napp.autodiscover_tasks(['shop'])\n",
             "shop/__init__.py": "", "shop/tasks.py": "", "blog/__init__.py": "", "blog/tasks.py": ""}
    write_tree(tmp_path / "a", files)
    assert task_modules(discover(tmp_path / "a"), "proj/celery.py", "") == ["shop/tasks.py"]
    files["proj/celery.py"] = "from celery import Celery\napp = Celery()\napp.autodiscover_tasks()\n"
    write_tree(tmp_path / "b", files)
    assert task_modules(discover(tmp_path / "b"), "proj/celery.py", "") == ["blog/tasks.py", "shop/tasks.py"]
