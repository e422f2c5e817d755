"""The shared command analysis: shell syntax, wrappers, interpreters and servers."""
from deploylint.commands import Context, analyse
from deploylint.discover import discover
from deploylint.model import Command, Location

from conftest import write_tree


def processes(tmp_path, command, files=None, argv=None, **context):
    write_tree(tmp_path, files or {})
    repo = discover(tmp_path)
    where = Location("Procfile", 1, 6)
    cmd = Command(where, argv=tuple(argv)) if argv else Command(where, shell=command)
    result = analyse(cmd, Context(repo, **context))
    return result, repo


def long_running(result):
    return [p for p in result.processes if p.long_running]


def test_background_job_sleep_and_wait_in_bash_c(tmp_path):
    result, repo = processes(tmp_path, """bash -c 'trap "kill 0" SIGTERM SIGINT; python bot.py > /tmp/bot.log 2>&1 & sleep 2 && python api_server.py; wait'""",
                             {"bot.py": "", "api_server.py": ""})
    bot, api = long_running(result)
    assert (bot.entry, bot.background, api.entry, api.background) == ("bot.py", True, "api_server.py", False)
    assert bot.location.column == 6 + len("bash -c 'trap \"kill 0\" SIGTERM SIGINT; ")
    assert [f.kind for f in result.facts] == ["trap", "sleep", "wait"]
    assert repo.findings == []


def test_cd_exec_nohup_and_env_assignments(tmp_path):
    result, _ = processes(tmp_path, "cd services/bot && LOG=1 exec nohup python -u main.py",
                          {"services/bot/main.py": ""})
    (process,) = long_running(result)
    assert (process.kind, process.entry) == ("python-script", "services/bot/main.py")


def test_python_m_module_and_missing_module(tmp_path):
    result, repo = processes(tmp_path, "python -m bot.main; python -m bot.gone; python -m http.server",
                             {"bot/__init__.py": "", "bot/main.py": ""})
    assert [p.entry for p in long_running(result)] == ["bot/main.py", None, None]
    assert [f.code for f in repo.findings] == ["DPL003"]


def test_missing_script_is_dpl003(tmp_path):
    _, repo = processes(tmp_path, "python bott.py", {"bot.py": ""})
    (finding,) = repo.findings
    assert finding.code == "DPL003" and "bott.py" in finding.message


def test_dynamic_command_is_dpl004(tmp_path):
    result, repo = processes(tmp_path, "$START_CMD --flag")
    assert [p.kind for p in result.processes] == ["unknown"]
    assert [f.code for f in repo.findings] == ["DPL004"]


def test_broken_shell_is_dpl004_not_a_crash(tmp_path):
    result, repo = processes(tmp_path, "python bot.py && 'unterminated", {"bot.py": ""})
    assert "DPL004" in [f.code for f in repo.findings]


def test_shell_script_in_repo_is_followed(tmp_path):
    result, _ = processes(tmp_path, "./start.sh", {"start.sh": "#!/bin/sh\nset -e\npython bot.py &\nexec gunicorn app:app\n",
                                                    "bot.py": "", "app.py": ""})
    bot, web = long_running(result)
    assert (bot.entry, bot.background, bot.location) == ("bot.py", True, Location("start.sh", 3, 1, 3, 14))
    assert (web.kind, web.entry, web.server) == ("python-app", "app.py", "gunicorn")
    assert web.trace[-1].note == "runs script start.sh"


def test_sh_script_argument_and_exec_form(tmp_path):
    result, _ = processes(tmp_path, None, {"scripts/run.sh": "python bot.py\n", "bot.py": ""}, argv=["sh", "scripts/run.sh"])
    assert [p.entry for p in long_running(result)] == ["bot.py"]


def test_gunicorn_workers_flag_config_file_and_heroku_default(tmp_path):
    files = {"app.py": "", "gunicorn.conf.py": "import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n"}
    result, _ = processes(tmp_path, "gunicorn -w 4 app:app", files)
    assert result.processes[0].workers.count == 4
    result, _ = processes(tmp_path, "gunicorn app:app", files)
    assert result.processes[0].workers.count == 5 and result.processes[0].workers.assumed
    assert result.processes[0].workers.location.path == "gunicorn.conf.py"


def test_web_concurrency_on_heroku(tmp_path):
    result, _ = processes(tmp_path, "uvicorn api:app", {"api.py": ""}, env={"WEB_CONCURRENCY": "2"}, platform="heroku")
    workers = result.processes[0].workers
    assert workers.count == 2 and "Heroku" in workers.reason
    result, _ = processes(tmp_path, "uvicorn api:app --workers 1", {"api.py": ""}, env={"WEB_CONCURRENCY": "2"}, platform="heroku")
    assert result.processes[0].workers.count == 1


def test_worker_count_from_unknown_variable_is_dpl004_and_assumed_one(tmp_path):
    result, repo = processes(tmp_path, "gunicorn --workers $WORKERS app:app", {"app.py": ""})
    assert result.processes[0].workers.count == 1
    assert [f.code for f in repo.findings] == ["DPL004"]


def test_honcho_runs_every_procfile_process_in_one_container(tmp_path):
    result, _ = processes(tmp_path, "honcho start", {"Procfile": "web: gunicorn app:app\nbot: python bot.py\n",
                                                    "app.py": "", "bot.py": ""})
    assert [(p.entry, p.background) for p in long_running(result)] == [("app.py", True), ("bot.py", True)]


def test_pkill_and_kill_pgrep_are_facts(tmp_path):
    result, _ = processes(tmp_path, "pkill -f bot.py; kill $(pgrep -f bot.py); python bot.py", {"bot.py": ""})
    assert [f.kind for f in result.facts] == ["kill-by-name", "kill-by-name"]
    assert [p.entry for p in long_running(result)] == ["bot.py"]


def test_celery_beat_process(tmp_path):
    result, _ = processes(tmp_path, "celery -A proj worker -B --loglevel info")
    assert result.processes[0].kind == "celery"


def test_npm_environment_loaders_run_the_rest_of_the_line(tmp_path):
    from conftest import write_tree
    from deploylint.commands import Context, analyse
    from deploylint.discover import discover
    from deploylint.model import Command, Location

    write_tree(tmp_path, {"bot.js": "", "web.js": ""})
    repo = discover(tmp_path)
    for shell in ("cross-env A=1 B=2 node bot.js", "env-cmd -f .env --silent node bot.js",
                  "env-cmd -e prod,ci node bot.js", "dotenv -e .env -e .env.local -- node bot.js",
                  "dotenvx run -f .env -- node bot.js", "cross-env NODE_ENV=production env-cmd -f x node bot.js"):
        result = analyse(Command(Location("Procfile", 1, 6), shell=shell), Context(repo))
        assert [p.entry for p in result.processes] == ["bot.js"], shell


def test_uv_run_module_and_options_with_values(tmp_path):
    files = {"bot/__init__.py": "", "bot/__main__.py": "", "svc/main.py": "", "main.py": ""}
    result, repo = processes(tmp_path, "uv run -m bot", files)
    assert [(p.kind, p.entry) for p in result.processes] == [("python-module", "bot/__main__.py")]
    result, repo = processes(tmp_path, "uv run --env-file .env --with httpx python main.py", files)
    assert [(p.kind, p.entry) for p in result.processes] == [("python-script", "main.py")]
    result, repo = processes(tmp_path, "uv run --directory svc python main.py", files)
    assert [(p.kind, p.entry) for p in result.processes] == [("python-script", "svc/main.py")]
    result, repo = processes(tmp_path, "poetry run -C svc python main.py", files)
    assert [(p.kind, p.entry) for p in result.processes] == [("python-script", "svc/main.py")]
    assert repo.findings == []


def test_python_m_finds_modules_on_pythonpath_and_in_src_layout(tmp_path):
    files = {"lib/jobs/__init__.py": "", "lib/jobs/__main__.py": "", "src/shop/__init__.py": "",
             "src/shop/__main__.py": ""}
    result, repo = processes(tmp_path, "python -m jobs", files, env={"PYTHONPATH": "lib"})
    assert [(p.kind, p.entry) for p in result.processes] == [("python-module", "lib/jobs/__main__.py")]
    result, repo = processes(tmp_path, "python -m shop", files)
    assert [(p.kind, p.entry) for p in result.processes] == [("python-module", "src/shop/__main__.py")]
    result, repo = processes(tmp_path, "python -m jobs", files)  # not on the path: not in the repository
    assert [p.entry for p in result.processes] == [None]


def test_python_m_through_a_container_pythonpath(tmp_path):
    from deploylint.formats import dockerfile

    write_tree(tmp_path, {"Dockerfile": "FROM python:3.12\nWORKDIR /srv\nCOPY code/ /opt/lib/\nENV PYTHONPATH=/opt/lib\n"
                                        "CMD [\"python\", \"-m\", \"jobs\"]\n",
                          "code/jobs/__init__.py": "", "code/jobs/__main__.py": ""})
    repo = discover(tmp_path)
    (target,) = dockerfile.targets(repo)
    (launch,) = target.launches
    result = analyse(launch.command, Context(repo, cwd=launch.cwd, env=launch.env, image=launch.image))
    assert [p.entry for p in result.processes] == ["code/jobs/__main__.py"]


def test_sh_c_positional_arguments_fill_dollar_at(tmp_path):
    files = {"bot.py": ""}
    result, repo = processes(tmp_path, None, files, argv=["sh", "-c", 'alembic upgrade head && exec "$@"', "--",
                                                          "python", "bot.py"])
    assert [p.entry for p in result.processes if p.entry] == ["bot.py"]
    assert repo.findings == []
    result, repo = processes(tmp_path, None, files, argv=["sh", "-c", 'echo "$1"; exec python bot.py', "name", "x"])
    assert [p.entry for p in result.processes if p.entry] == ["bot.py"]
