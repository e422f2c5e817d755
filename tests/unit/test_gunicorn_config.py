"""The gunicorn config reader (runners/gunicorn_config.py) and how the gunicorn runner
uses it: settings, server hooks, upper-case names, GUNICORN_CMD_ARGS. Never executed."""
from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location
from deploylint.runners.gunicorn_config import ASSUMED_CPUS, read

from conftest import write_tree


def config(tmp_path, text, env=None):
    write_tree(tmp_path, {"gunicorn.conf.py": text})
    repo = discover(tmp_path)
    return read(repo, "gunicorn.conf.py", env or {}), repo


def gunicorn(tmp_path, command, files, env=None):
    write_tree(tmp_path, files)
    repo = discover(tmp_path)
    result = analyse(Command(Location("Procfile", 1, 6), shell=command), Context(repo, env=env or {}))
    return [p for p in result.processes if p.long_running], repo


def test_workers_expressions(tmp_path):
    cfg, repo = config(tmp_path, "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n")
    copies = cfg.workers()
    assert copies.count == ASSUMED_CPUS * 2 + 1 and copies.assumed and copies.location.line == 2
    assert "CPUs assumed" in copies.reason and repo.findings == []


def test_workers_from_environment_with_default_and_names(tmp_path):
    text = ("import os\nper_core = int(os.getenv('WORKERS_PER_CORE', '2'))\ncores = 2\n"
            "web_concurrency = os.environ.get('WEB_CONCURRENCY')\n"
            "if web_concurrency:\n    workers = int(web_concurrency)\nelse:\n    workers = per_core * cores\n")
    assert config(tmp_path / "a", text)[0].workers().count == 4
    assert config(tmp_path / "b", text, {"WEB_CONCURRENCY": "7"})[0].workers().count == 7


def test_unknown_workers_is_none(tmp_path):
    cfg, _ = config(tmp_path, "from settings import WORKERS\nworkers = WORKERS\n")
    assert cfg.workers() is None and "workers" in cfg.settings


def test_preload_flag_and_wsgi_app(tmp_path):
    cfg, _ = config(tmp_path, "import os\npreload_app = os.getenv('PRELOAD', 'True').lower() == 'true'\n"
                              "wsgi_app = 'site.wsgi:application'\n")
    assert cfg.flag("preload_app") is True and cfg.text("wsgi_app") == "site.wsgi:application"


def test_hooks_per_worker_and_master(tmp_path):
    cfg, _ = config(tmp_path, "def post_fork(server, worker):\n    pass\n\ndef when_ready(server):\n    pass\n\n"
                              "def _pre(server, worker):\n    pass\n\npre_fork = _pre\n\ndef helper():\n    pass\n")
    starts = {h.qual: h.per_worker for h in cfg.hook_starts()}
    assert starts == {"": False, "post_fork": True, "when_ready": False, "_pre": True}
    assert "every worker" in next(h for h in cfg.hook_starts() if h.qual == "post_fork").step.note


def test_upper_case_settings_are_reported_unless_they_feed_the_setting(tmp_path):
    cfg, repo = config(tmp_path, "PRELOAD_APP = True\nWORKERS = 4\nBIND = '0.0.0.0:8000'\nbind = BIND\nPORT = 8000\n"
                                 "def POST_FORK(server, worker):\n    pass\n")
    reported = sorted((f.code, f.location.line) for f in repo.findings)
    assert reported == [("DPL002", 1), ("DPL002", 2), ("DPL002", 6)]
    assert cfg.flag("preload_app") is None and cfg.workers() is None and not cfg.hooks
    assert any("rename it to `preload_app`" == f.hint for f in repo.findings)


def test_broken_and_hostile_configs_never_raise(tmp_path):
    cfg, repo = config(tmp_path / "a", "workers = (\n")
    assert cfg is None and repo.findings[0].code == "DPL001"
    cfg, _ = config(tmp_path / "b", "workers = " + "- " * 100 + "1\n")  # nesting past the evaluator's bound
    assert cfg.workers() is None
    cfg, repo = config(tmp_path / "d", "workers = " + "- " * 300 + "1\n")  # past the syntax-tree budget: not read
    assert cfg is None and [(f.code, f.location.line) for f in repo.findings] == [("DPL006", 1)]
    assert "nested more than 200 levels deep" in repo.findings[0].message
    huge, _ = config(tmp_path / "c", "workers = 10 ** 12\nx = 'a' * 10**9\n")
    assert huge.workers() is None


def test_runner_precedence_command_line_over_env_over_file(tmp_path):
    files = {"app.py": "app = None\n", "gunicorn.conf.py": "workers = 5\npreload_app = False\n"}
    (process,), _ = gunicorn(tmp_path, "gunicorn app:app", files)
    assert process.workers.count == 5 and not process.preload and process.hooks[0].path == "gunicorn.conf.py"
    (process,), _ = gunicorn(tmp_path, "gunicorn app:app", files, {"GUNICORN_CMD_ARGS": "--workers=3 --preload"})
    assert process.workers.count == 3 and process.preload and "GUNICORN_CMD_ARGS" in process.workers.reason
    (process,), _ = gunicorn(tmp_path, "gunicorn -w 2 app:app", files, {"GUNICORN_CMD_ARGS": "--workers=3"})
    assert process.workers.count == 2


def test_runner_config_forms_and_wsgi_app(tmp_path):
    files = {"deploy/gconf.py": "workers = 2\nwsgi_app = 'web:app'\n", "deploy/__init__.py": "", "web.py": "app = 1\n"}
    (process,), _ = gunicorn(tmp_path, "gunicorn -c python:deploy.gconf", files)
    assert (process.entry, process.app, process.workers.count) == ("web.py", "app", 2)
    (process,), _ = gunicorn(tmp_path, "gunicorn --config=deploy/gconf.py", files)
    assert process.workers.count == 2 and process.hooks[0].path == "deploy/gconf.py"


def test_hook_imported_from_a_repository_module(tmp_path):
    write_tree(tmp_path, {"deploy/__init__.py": "", "deploy/hooks.py": "def post_fork(server, worker):\n    pass\n"})
    cfg, _ = config(tmp_path, "from deploy.hooks import post_fork\nfrom gunicorn_extra import when_ready\n")
    starts = {(h.path, h.qual): h.per_worker for h in cfg.hook_starts()}
    assert starts == {("gunicorn.conf.py", ""): False, ("deploy/hooks.py", "post_fork"): True}
