"""Python reachability through objects, imports, spawned programs, servers started from
code and newer syntax (deploylint.code.python and its helper modules)."""
from textwrap import dedent

from deploylint.code.python import scan, spawns
from deploylint.code.python_modern import downgrade
from deploylint.discover import discover
from deploylint.engine import scan as scan_repo
from deploylint.model import Location, Process

from conftest import write_tree


def setup(tmp_path, files, entry, kind="python-script", argv=None, **fields):
    write_tree(tmp_path, {name: dedent(text) for name, text in files.items()})
    repo = discover(tmp_path)
    process = Process(argv=argv or ("python", entry), location=Location("Procfile", 1, 6), kind=kind,
                      entry=entry, language="python", **fields)
    return repo, process


def run(tmp_path, files, entry, **fields):
    """The evidence of the reach (a library's default stop-signal handling, which
    python-telegram-bot's run_polling brings along, is left out: these tests are about reach)."""
    repo, process = setup(tmp_path, files, entry, **fields)
    return [e for e in scan(repo, process) if e.kind != "stop-signal"], repo


def kinds(evidence):
    return sorted(e.kind for e in evidence)


# -- objects whose class is known --------------------------------------------------------------
RUNNER = """\
    from telegram.ext import Application

    class Runner:
        def __init__(self, token):
            self.token = token

        def poll(self):
            Application.builder().token(self.token).build().run_polling()
    """


def test_bound_method_of_a_local_instance_handed_to_a_thread(tmp_path):
    evidence, _ = run(tmp_path, {"runner.py": RUNNER, "main.py": """\
        import threading
        from runner import Runner

        inst = Runner("x")
        threading.Thread(target=inst.poll).start()
        """}, "main.py")
    (poll,) = evidence
    assert (poll.kind, poll.location.path, poll.location.line) == ("polling", "runner.py", 8)
    notes = [s.note for s in poll.trace]
    assert any("runs `inst.poll`" in n for n in notes), notes


def test_executor_submit_run_in_executor_and_create_task_on_objects(tmp_path):
    files = {"runner.py": RUNNER, "main.py": """\
        import asyncio
        from concurrent.futures import ThreadPoolExecutor
        from runner import Runner

        def with_executor():
            obj = Runner("a")
            ThreadPoolExecutor().submit(obj.poll)

        async def with_loop():
            worker = Runner("b")
            await asyncio.get_running_loop().run_in_executor(None, worker.poll)

        with_executor()
        asyncio.run(with_loop())
        """}
    evidence, _ = run(tmp_path, files, "main.py")
    assert kinds(evidence) == ["polling"]  # one call site, reached both ways
    assert evidence[0].location.line == 8


def test_self_attribute_set_in_init_and_started_elsewhere(tmp_path):
    evidence, _ = run(tmp_path, {"svc.py": """\
        import asyncio
        from aiogram import Bot, Dispatcher

        class Service:
            def __init__(self):
                self.dp = Dispatcher()
                self.bot = Bot("t")

            async def start(self):
                asyncio.create_task(self.dp.start_polling(self.bot))

        asyncio.run(Service().start())
        """}, "svc.py")
    assert kinds(evidence) == ["polling"]
    assert evidence[0].singleton == "Telegram polling (aiogram)"


def test_object_created_in_another_module_and_started_here(tmp_path):
    evidence, _ = run(tmp_path, {
        "pkg/__init__.py": """\
            from apscheduler.schedulers.asyncio import AsyncIOScheduler
            scheduler = AsyncIOScheduler()
            """,
        "pkg/tg.py": """\
            from telethon import TelegramClient
            client = TelegramClient("sess", 1, "hash")
            """,
        "pkg/main.py": """\
            import pkg
            from pkg import scheduler
            from .tg import client

            scheduler.start()
            pkg.scheduler.start()
            client.start()
            """}, "pkg/main.py", kind="python-module", argv=("python", "-m", "pkg.main"))
    found = {(e.kind, e.location.line) for e in evidence}
    assert ("scheduler", 5) in found and ("scheduler", 6) in found
    session = [e for e in evidence if e.kind == "session"]
    assert session and session[0].singleton == "MTProto session `sess` (Telethon)"


def test_re_exported_object_through_package_init(tmp_path):
    evidence, _ = run(tmp_path, {
        "app/__init__.py": "from .core import scheduler\n",
        "app/core.py": "from apscheduler.schedulers.background import BackgroundScheduler\nscheduler = BackgroundScheduler()\n",
        "main.py": "from app import scheduler\nscheduler.start()\n"}, "main.py")
    assert [(e.kind, e.location.path, e.location.line) for e in evidence] == [("scheduler", "main.py", 2)]


def test_factory_function_returning_an_instance(tmp_path):
    evidence, _ = run(tmp_path, {"runner.py": RUNNER, "main.py": """\
        from runner import Runner

        def make():
            return Runner("x")

        make().poll()
        """}, "main.py")
    assert [(e.kind, e.location.path) for e in evidence] == [("polling", "runner.py")]


def test_repository_function_named_like_a_library_method_is_that_function(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import threading
        from telegram import Bot

        bot = Bot("t")

        def run_polling():
            return bot.send_message(1, "hi")

        class Scheduler:
            def start(self):
                return None

        scheduler = Scheduler()
        run_polling()
        scheduler.start()
        threading.Thread(target=run_polling).start()
        """}, "main.py")
    assert evidence == []


def test_repository_method_named_like_a_library_method_on_an_instance(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import telebot

        class Poller:
            def polling(self):
                return 1

            def infinity_polling(self):
                return self.polling()

        p = Poller()
        p.infinity_polling()
        """}, "main.py")
    assert evidence == []


def test_library_method_on_a_library_object_still_counts(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import telebot

        class Handlers:
            def polling(self):
                return 1

        bot = telebot.TeleBot("t")
        bot.infinity_polling()
        """}, "main.py")
    assert kinds(evidence) == ["polling"]


def test_main_block_of_an_imported_module_does_not_run(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        from telegram.ext import Application
        app = Application.builder().token("t").build()
        if __name__ == "__main__":
            app.run_polling()
        """, "main.py": "import bot\nprint(bot.app)\n"}, "main.py")
    assert evidence == []


# -- programs the code starts ---------------------------------------------------------------
def test_subprocess_and_os_calls_are_spawns(tmp_path):
    repo, process = setup(tmp_path, {"main.py": """\
        import asyncio, os, subprocess, sys

        subprocess.Popen([sys.executable, "bot.py", "--fast"])
        subprocess.run(["python", "-m", "bot"], cwd="svc")
        os.system("python worker.py &")
        subprocess.Popen("python a.py", shell=True)
        os.spawnl(os.P_NOWAIT, sys.executable, "python", "b.py")
        os.execv(sys.executable, ["python", "c.py"])
        asyncio.run(asyncio.create_subprocess_exec(sys.executable, "d.py"))
        subprocess.Popen([sys.executable, script_path])
        subprocess.Popen(f"python {name}.py", shell=True)
        """}, "main.py")
    found = [(s.shell, s.argv, s.cwd, s.location.line) for s in spawns(repo, process)]
    assert (None, ("python", "bot.py", "--fast"), None, 3) in found
    assert (None, ("python", "-m", "bot"), "svc", 4) in found
    assert ("python worker.py &", None, None, 5) in found
    assert ("python a.py", None, None, 6) in found
    assert (None, ("python", "b.py"), None, 7) in found
    assert (None, ("python", "c.py"), None, 8) in found
    assert (None, ("python", "d.py"), None, 9) in found
    assert len(found) == 7  # unknown script names (lines 10, 11) are not followed
    assert all(s.trace[-1].location.path == "main.py" for s in spawns(repo, process))


def test_spawned_program_becomes_a_process_of_its_own_in_the_plan(tmp_path):
    write_tree(tmp_path, {
        "Procfile": "web: python main.py\n",
        "main.py": "import subprocess, sys\n\ndef go():\n    subprocess.Popen([sys.executable, 'bot.py'])\n\ngo()\n",
        "bot.py": "import telebot\ntelebot.TeleBot('t').infinity_polling()\n",
    })
    result = scan_repo(tmp_path)
    processes = [(i.process.entry, [e.kind for e in i.evidence if e.is_singleton]) for i in result.plan.instances]
    assert processes == [("main.py", []), ("bot.py", ["polling"])]
    child = result.plan.instances[1].process
    notes = [s.note for s in child.trace]
    assert notes[0].startswith("Procfile `web` runs") and "calls `go`" in notes[1] and "starts `python bot.py`" in notes[2]
    assert child.location.path == "main.py" and child.location.line == 4


def test_a_program_that_starts_itself_is_followed_once(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python loop.py\n",
                          "loop.py": "import subprocess\nsubprocess.run(['python', 'loop.py'])\n"})
    result = scan_repo(tmp_path)
    assert 2 <= len(result.plan.instances) <= 3
    assert result.findings == []


def test_missing_spawned_file_is_not_reported(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python main.py\n",
                          "main.py": "import subprocess\nsubprocess.Popen(['python', 'gone.py'])\n"})
    assert [f.code for f in scan_repo(tmp_path).findings] == []


def test_multiprocessing_target_runs_in_its_own_process(tmp_path):
    repo, process = setup(tmp_path, {"main.py": """\
        import multiprocessing
        import telebot

        def run():
            telebot.TeleBot("t").infinity_polling()

        if __name__ == "__main__":
            multiprocessing.Process(target=run).start()
        """}, "main.py")
    assert scan(repo, process) == []  # not in the parent
    (spawn,) = spawns(repo, process)
    assert (spawn.process.kind, spawn.process.entry, spawn.process.app) == ("python-function", "main.py", "run")
    child = spawn.process
    assert kinds(scan(repo, child)) == ["polling"]


# -- servers started from code ---------------------------------------------------------------
API = """\
    import asyncio
    from aiogram import Bot, Dispatcher
    from fastapi import FastAPI

    app = FastAPI()
    dp = Dispatcher()

    @app.on_event("startup")
    async def startup():
        asyncio.create_task(dp.start_polling(Bot("t")))
    """


def test_uvicorn_run_with_workers_serves_the_app_in_worker_processes(tmp_path):
    repo, process = setup(tmp_path, {"api.py": API, "run.py": """\
        import os
        import uvicorn
        from api import app

        uvicorn.run("api:app", workers=int(os.getenv("WEB_CONCURRENCY", 3)))
        """}, "run.py")
    assert scan(repo, process) == []  # the parent imports api, but its hooks run in the workers
    (spawn,) = spawns(repo, process)
    child = spawn.process
    assert (child.kind, child.entry, child.app, child.server) == ("python-app", "api.py", "app", "uvicorn")
    assert (child.workers.count, child.workers.assumed) == (3, True)
    (poll,) = [e for e in scan(repo, child) if e.kind != "stop-signal"]
    assert poll.per_worker


def test_uvicorn_run_with_an_object_or_one_worker_runs_in_process(tmp_path):
    repo, process = setup(tmp_path, {"api.py": API, "run.py": """\
        import uvicorn
        from api import app

        uvicorn.run(app, host="0.0.0.0")
        uvicorn.run("api:app", workers=1)
        """}, "run.py")
    assert spawns(repo, process) == []
    assert kinds(scan(repo, process)) == ["polling", "stop-signal"]


def test_gunicorn_base_application_options(tmp_path):
    repo, process = setup(tmp_path, {"api.py": API, "serve.py": """\
        import gunicorn.app.base
        from api import app

        class App(gunicorn.app.base.BaseApplication):
            def __init__(self, app, options):
                self.application, self.options = app, options
                super().__init__()

            def load(self):
                return self.application

        App(app, dict(workers=5, bind="0.0.0.0:80")).run()
        """}, "serve.py")
    (spawn,) = spawns(repo, process)
    assert (spawn.process.entry, spawn.process.app, spawn.process.workers.count) == ("api.py", "app", 5)
    assert spawn.process.preload and spawn.workers_only


# -- newer Python --------------------------------------------------------------------------------
def test_downgrade_keeps_lines_and_columns():
    text = 'x = {"a": 1}\ny = f"{x["a"]}"\ntype Alias = int\ndef f[T](a: T) -> T:\n    return a\nbot.run_polling()\n'
    patched = downgrade(text)
    assert patched is not None and len(patched) == len(text)
    assert [len(line) for line in patched.splitlines()] == [len(line) for line in text.splitlines()]
    assert patched.splitlines()[-1] == "bot.run_polling()"
    assert downgrade("def f(:\n    pass\n") is None  # broken for every Python
    assert downgrade("x = 1\n") is None  # nothing newer to blank out


def test_newer_python_file_is_analysed_without_dpl001(tmp_path):
    evidence, repo = run(tmp_path, {"bot.py": """\
        import telebot
        names = {"a": "b"}
        print(f"{names["a"]}")
        class Box[T]:
            pass
        telebot.TeleBot("t").infinity_polling()
        """}, "bot.py")
    assert repo.findings == []
    (poll,) = evidence
    assert poll.location == Location("bot.py", 6, 1, 6, 40)


def test_client_returned_by_a_repository_function(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        from pyrogram import Client

        def init_bot():
            return Client("acct", api_id=1, api_hash="h")

        bot = init_bot()
        if __name__ == "__main__":
            bot.start()
        """}, "bot.py")
    assert [(e.kind, e.singleton, e.location.line) for e in evidence] == [
        ("session", "MTProto session `acct` (Pyrogram)", 8)]


def test_instance_of_a_repository_subclass_of_a_library_client(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        from pyrogram import Client

        class Base(Client):
            pass

        class Bot(Base):
            def __init__(self):
                super().__init__("acct", api_id=1, api_hash="h")

        Bot().run()
        """}, "bot.py")
    assert [(e.kind, e.location.line) for e in evidence] == [("session", 10)]


def test_repository_subclass_of_a_plain_class_is_not_a_client(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import pyrogram

        class Worker(object):
            def __init__(self, name):
                self.name = name

        Worker("acct").run()
        """}, "bot.py")
    assert evidence == []


def test_super_start_in_a_subclass_of_a_library_client_created_in_package_init(tmp_path):
    evidence, _ = run(tmp_path, {
        "music/__init__.py": "from music.core.bot import Bot\napp = Bot()\n",
        "music/core/__init__.py": "",
        "music/core/bot.py": """\
            import pyrogram

            class Bot(pyrogram.Client):
                def __init__(self):
                    super().__init__("music", api_id=1, api_hash="h")

                async def boot(self):
                    await super().start()
            """,
        "music/__main__.py": """\
            import asyncio
            from music import app

            async def main():
                await app.boot()

            asyncio.run(main())
            """}, "music/__main__.py", kind="python-module", argv=("python", "-m", "music"))
    assert [(e.kind, e.location.path, e.location.line) for e in evidence] == [("session", "music/core/bot.py", 8)]
    assert evidence[0].singleton == "MTProto session `music` (Pyrogram)"  # from super().__init__("music", ...)
    assert any("Bot.boot" in s.note for s in evidence[0].trace)


def test_super_call_of_a_plain_base_is_nothing(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import pyrogram

        class Base:
            def start(self):
                return 1

        class Job(Base):
            def start(self):
                return super().start()

        Job().start()
        """}, "main.py")
    assert evidence == []


def test_cyclic_assignments_and_imports_do_not_loop(tmp_path):
    files = {
        "a.py": "from b import x\ny = x\nx = y\nx.start()\nimport b\nb.x.run()\n",
        "b.py": "from a import x\nz = x()\nz.start()\n",
        "main.py": "import a\nfrom a import x\nx = x.build()\nx.run_polling()\n" + "x.foo().bar().baz()\n" * 200,
    }
    evidence, repo = run(tmp_path, files, "main.py")
    assert evidence == [] and repo.findings == []


def test_self_spawning_chain_is_bounded(tmp_path):
    write_tree(tmp_path, {"Procfile": "worker: python a.py\n",
                          "a.py": "import subprocess\nsubprocess.Popen(['python', 'b.py'])\n",
                          "b.py": "import subprocess\nsubprocess.Popen(['python', 'a.py'])\n"})
    result = scan_repo(tmp_path)
    assert len(result.plan.instances) <= 4 and result.findings == []


def test_command_lists_held_in_variables(tmp_path):
    repo, process = setup(tmp_path, {"main.py": """\
        import os, subprocess, sys

        PY = "python3"
        BOT = "run_bot.py"
        cmd = [sys.executable, "-m", "gunicorn", "-w", "1", "web:app"]
        subprocess.Popen([PY, BOT])
        os.execvp(cmd[0], cmd)
        """}, "main.py")
    found = [s.argv for s in spawns(repo, process)]
    assert found == [("python3", "run_bot.py"), ("python", "-m", "gunicorn", "-w", "1", "web:app")]


def test_downgrade_pep758_except_without_parentheses():
    text = "try:\n    run()\nexcept KeyboardInterrupt, SystemExit:\n    pass\nexcept (A, B) as e:\n    pass\n"
    patched = downgrade(text)
    assert patched is not None and len(patched) == len(text)
    assert "except KeyboardInterrupt| SystemExit:" in patched and "except (A, B) as e:" in patched
