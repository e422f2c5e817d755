"""Python start-up reachability and singleton signatures (deploylint.code.python)."""
from textwrap import dedent

from deploylint.code.python import scan
from deploylint.discover import discover
from deploylint.model import Location, Process

from conftest import write_tree


def run(tmp_path, files, entry, kind="python-script", argv=None, **fields):
    write_tree(tmp_path, {name: dedent(text) for name, text in files.items()})
    repo = discover(tmp_path)
    process = Process(argv=argv or ("python", entry), location=Location("Procfile", 1, 6), kind=kind,
                      entry=entry, language="python", **fields)
    return scan(repo, process), repo


def kinds(evidence):
    return sorted(e.kind for e in evidence)


def only(evidence, kind):
    (found,) = [e for e in evidence if e.kind == kind]
    return found


# -- Telegram libraries -----------------------------------------------------------------------
def test_ptb20_run_polling_in_main_block(tmp_path):
    evidence, repo = run(tmp_path, {"bot.py": """\
        import os
        from telegram.ext import Application

        TOKEN = os.getenv("TELEGRAM_BOT_TOKEN")

        def main():
            application = Application.builder().token(TOKEN).build()
            application.run_polling()

        if __name__ == "__main__":
            main()
        """}, "bot.py")
    poll = only(evidence, "polling")
    assert poll.singleton == "Telegram polling (python-telegram-bot)"
    assert (poll.family, poll.token, poll.per_worker) == ("telegram", "TELEGRAM_BOT_TOKEN", False)
    assert poll.location == Location("bot.py", 8, 5, 8, 30)
    assert [s.location.line for s in poll.trace] == [10, 11, 8]
    assert "__main__" in poll.trace[0].note and "main" in poll.trace[1].note
    assert repo.findings == []


def test_main_block_is_not_run_when_a_server_imports_the_module(tmp_path):
    files = {"bot.py": """\
        from telegram.ext import Application
        app = object()
        if __name__ == "__main__":
            Application.builder().token("x").build().run_polling()
        """}
    evidence, _ = run(tmp_path, files, "bot.py", kind="python-app", app="app", server="uvicorn")
    assert evidence == []


def test_ptb13_updater_start_polling_and_token(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import os
        from telegram.ext import Updater, CommandHandler

        API_KEY = os.environ["TG_API_KEY"]
        updater = Updater(API_KEY, use_context=True)
        updater.dispatcher.add_handler(CommandHandler("start", lambda u, c: None))
        updater.start_polling()
        updater.idle()
        """}, "bot.py")
    poll = only(evidence, "polling")
    assert poll.singleton == "Telegram polling (python-telegram-bot)"
    assert poll.token == "TG_API_KEY"  # through `updater` -> Updater(API_KEY) -> os.environ
    assert poll.location.line == 7


def test_aiogram2_executor_and_aiogram3_dispatcher(tmp_path):
    evidence, _ = run(tmp_path, {"v2.py": """\
        from aiogram import Bot, Dispatcher
        from aiogram.utils import executor
        import os
        bot = Bot(token=os.getenv("BOT_TOKEN"))
        dp = Dispatcher(bot)
        if __name__ == "__main__":
            executor.start_polling(dp, skip_updates=True)
        """, "v3.py": """\
        import asyncio
        from aiogram import Bot, Dispatcher
        from config import settings

        async def main():
            bot = Bot(settings.token)
            dp = Dispatcher()
            await dp.start_polling(bot)

        asyncio.run(main())
        """, "config.py": "settings = None\n"}, "v2.py")
    poll = only(evidence, "polling")
    assert (poll.singleton, poll.token) == ("Telegram polling (aiogram)", "BOT_TOKEN")
    evidence, _ = run(tmp_path, {}, "v3.py")
    poll = only(evidence, "polling")
    assert poll.singleton == "Telegram polling (aiogram)" and poll.location.line == 8
    assert "calls `main`" in poll.trace[0].note


def test_telebot_thread_at_import_in_asgi_app_runs_per_worker(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import threading
        from fastapi import FastAPI
        from bot import bot

        app = FastAPI()
        threading.Thread(target=bot.infinity_polling, daemon=True).start()
        """, "bot.py": """\
        import os, telebot
        TOKEN = os.getenv("TELEBOT_TOKEN")
        bot = telebot.TeleBot(TOKEN)
        """}, "main.py", kind="python-app", app="app", server="uvicorn")
    poll = only(evidence, "polling")
    assert poll.singleton == "Telegram polling (pyTelegramBotAPI)"
    assert poll.per_worker is True and poll.token == "TELEBOT_TOKEN"
    assert poll.location == Location("main.py", 6, 25, 6, 45)
    assert "Thread" in poll.trace[0].note


FASTAPI_BOT = """\
    import os
    from telegram.ext import Application

    application = Application.builder().token(os.environ["BOT_TOKEN"]).build()

    async def start_bot():
        await application.initialize()
        await application.start()
        await application.updater.start_polling()
    """


def test_fastapi_on_event_startup_hook_starts_polling_per_worker(tmp_path):
    evidence, _ = run(tmp_path, {"api_server.py": """\
        import asyncio
        from fastapi import FastAPI
        from bot import start_bot

        app = FastAPI()

        @app.on_event("startup")
        async def startup():
            asyncio.create_task(start_bot())
        """, "bot.py": FASTAPI_BOT}, "api_server.py", kind="python-app", app="app", server="uvicorn", preload=False)
    poll = only(evidence, "polling")
    assert poll.per_worker is True and poll.location == Location("bot.py", 9, 11, 9, 46)
    notes = [s.note for s in poll.trace]
    assert notes[0] == "start-up hook `startup` (on_event('startup'))"
    assert "calls `start_bot` in bot.py" in notes[1]
    assert poll.trace[0].location.path == "api_server.py" and poll.trace[0].location.line == 7


def test_fastapi_lifespan_context_manager_starts_polling(tmp_path):
    evidence, _ = run(tmp_path, {"app/__init__.py": "", "app/main.py": """\
        from contextlib import asynccontextmanager
        from fastapi import FastAPI
        from .bot import start_bot

        @asynccontextmanager
        async def lifespan(app):
            await start_bot()
            yield

        app = FastAPI(lifespan=lifespan)
        """, "app/bot.py": FASTAPI_BOT}, "app/main.py", kind="python-app", app="app", server="uvicorn",
        argv=("uvicorn", "app.main:app", "--workers", "2"))
    poll = only(evidence, "polling")
    assert poll.per_worker is True and poll.location.path == "app/bot.py"
    assert poll.trace[0].note == "start-up hook `lifespan` (lifespan=lifespan)"


def test_polling_in_a_function_nobody_calls_is_not_reached(tmp_path):
    files = {"bot.py": """\
        from telegram.ext import Application

        def run_bot():
            Application.builder().token("x").build().run_polling()

        def main():
            print("web only")

        if __name__ == "__main__":
            main()
        """}
    evidence, _ = run(tmp_path, files, "bot.py")
    assert evidence == []
    (tmp_path / "bot.py").write_text(dedent(files["bot.py"]).replace('print("web only")', "run_bot()"))
    evidence, _ = run(tmp_path, {}, "bot.py")
    assert kinds(evidence) == ["polling", "stop-signal"]  # run_polling stops on SIGTERM by default
    assert [s.note for s in evidence[0].trace][1:3] == ["calls `main`", "calls `run_bot`"]


def test_polling_reached_through_from_import_across_files(tmp_path):
    evidence, _ = run(tmp_path, {"run.py": """\
        from bot import main
        from bot.helpers import log  # a package module
        main()
        """, "bot/__init__.py": "from .core import main\n", "bot/helpers.py": "def log(x): pass\n",
        "bot/core.py": """\
        from aiogram import Dispatcher
        def main():
            Dispatcher().run_polling("bot")
        """}, "run.py")
    poll = only(evidence, "polling")
    assert poll.location.path == "bot/core.py" and poll.trace[0].note == "calls `main` in bot/core.py"


def test_methods_of_instances_and_self_calls_are_reached(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import telebot
        class MyBot:
            def __init__(self):
                self.bot = telebot.TeleBot("x")
            def run(self):
                self._loop()
            def _loop(self):
                self.bot.polling(none_stop=True)
            def unused(self):
                self.bot.infinity_polling()
        b = MyBot()
        b.run()
        """}, "main.py")
    poll = only(evidence, "polling")
    assert poll.location.line == 8
    assert [s.note for s in poll.trace][:2] == ["calls `MyBot.run` on a `MyBot`", "calls `MyBot._loop`"]


def test_condition_on_an_env_var_is_noted_in_the_trace(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import os
        from telegram.ext import Application
        app = Application.builder().token("x").build()
        if os.getenv("RUN_BOT"):
            app.run_polling()
        """}, "main.py")
    poll = only(evidence, "polling")
    assert poll.trace[0].note == "if `os.getenv('RUN_BOT')`"


# -- webhook mode -------------------------------------------------------------------------------
def test_webhook_only_bot(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import os
        from telegram.ext import Application
        app = Application.builder().token(os.getenv("BOT_TOKEN")).build()
        app.run_webhook(listen="0.0.0.0", port=8443, webhook_url=os.getenv("URL"))
        """}, "bot.py")
    assert kinds(evidence) == ["webhook"]
    hook = evidence[0]
    assert (hook.family, hook.token, hook.is_singleton) == ("telegram", "BOT_TOKEN", False)


def test_env_chosen_webhook_with_polling_fallback(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import os
        from telegram.ext import Application
        WEBHOOK_URL = os.getenv("WEBHOOK_URL")
        app = Application.builder().token(os.getenv("BOT_TOKEN")).build()
        if WEBHOOK_URL:
            app.run_webhook(webhook_url=WEBHOOK_URL)
        else:
            app.run_polling()
        """, "early.py": """\
        import os
        from aiogram import Bot, Dispatcher
        async def main(bot, dp):
            if os.getenv("USE_WEBHOOK"):
                await bot.set_webhook(os.environ["URL"])
                return
            await dp.start_polling(bot)
        """, "run_early.py": "import asyncio\nfrom early import main\nasyncio.run(main(1, 2))\n"}, "bot.py")
    assert kinds(evidence) == ["polling-fallback", "stop-signal", "webhook"]
    fallback = only(evidence, "polling-fallback")
    assert fallback.token == "BOT_TOKEN" and fallback.is_singleton
    assert fallback.trace[0].note == "else of `if WEBHOOK_URL`"
    evidence, _ = run(tmp_path, {}, "run_early.py")
    assert kinds(evidence) == ["polling-fallback", "webhook"]
    assert "the if-branch returns" in only(evidence, "polling-fallback").trace[-2].note


def test_raw_getupdates_loop_is_polling_but_a_single_call_is_not(tmp_path):
    evidence, _ = run(tmp_path, {"poll.py": """\
        import os, requests
        TOKEN = os.environ["RAW_BOT_TOKEN"]
        URL = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
        offset = 0
        while True:
            updates = requests.get(URL, params={"offset": offset}).json()
        """, "once.py": """\
        import os, requests
        TOKEN = os.environ["RAW_BOT_TOKEN"]
        print(requests.get(f"https://api.telegram.org/bot{TOKEN}/getUpdates").json())
        """}, "poll.py")
    poll = only(evidence, "polling")
    assert (poll.singleton, poll.token) == ("Telegram polling (raw getUpdates loop)", "RAW_BOT_TOKEN")
    assert poll.location.line == 6
    evidence, _ = run(tmp_path, {}, "once.py")
    assert evidence == []


# -- other singletons -----------------------------------------------------------------------------
def test_discord_gateway(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import os
        import discord
        from discord.ext import commands
        from flask import Flask
        from threading import Thread

        web = Flask(__name__)
        def keep_alive():
            Thread(target=lambda: web.run("0.0.0.0", 8080)).start()

        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
        keep_alive()
        bot.run(os.getenv("DISCORD_TOKEN"))
        """}, "bot.py")
    gateway = only(evidence, "gateway")
    assert (gateway.singleton, gateway.family, gateway.token) == ("Discord gateway (discord.py)", "discord", "DISCORD_TOKEN")
    assert gateway.location.line == 13


def test_telethon_session_and_celery_beat_in_code(tmp_path):
    evidence, _ = run(tmp_path, {"userbot.py": """\
        from telethon import TelegramClient
        client = TelegramClient("anon", 1, "hash").start()
        client.run_until_disconnected()
        """, "tasks.py": """\
        from celery import Celery
        app = Celery("tasks")
        if __name__ == "__main__":
            app.worker_main(["worker", "-B", "--loglevel=info"])
        """}, "userbot.py")
    assert kinds(evidence) == ["session"]  # one per session, however many calls keep it alive
    assert evidence[0].family == "mtproto:anon" and evidence[0].singleton == "MTProto session `anon` (Telethon)"
    evidence, _ = run(tmp_path, {}, "tasks.py")
    assert [(e.kind, e.family) for e in evidence] == [("beat", "celery-beat")]


def test_apscheduler_started_at_import_of_a_web_app(tmp_path):
    evidence, _ = run(tmp_path, {"app.py": """\
        from flask import Flask
        from apscheduler.schedulers.background import BackgroundScheduler
        app = Flask(__name__)
        scheduler = BackgroundScheduler()
        scheduler.add_job(lambda: None, "interval", minutes=5)
        scheduler.start()
        """}, "app.py", kind="python-app", app="app", server="gunicorn")
    (found,) = evidence
    assert (found.kind, found.singleton) == ("scheduler", "APScheduler BackgroundScheduler")
    assert found.family == "scheduler:app.py:6" and found.per_worker is True


def test_schedule_library_loop(tmp_path):
    evidence, _ = run(tmp_path, {"jobs.py": """\
        import schedule, time
        schedule.every(10).minutes.do(print)
        schedule.run_pending()
        while True:
            schedule.run_pending()
            time.sleep(1)
        """}, "jobs.py")
    (found,) = evidence
    assert found.kind == "scheduler" and found.location.line == 5


# -- traps -----------------------------------------------------------------------------------------
def test_kill_by_name_psutil_loop_and_pkill_subprocess(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import os, psutil, subprocess
        def kill_others():
            for proc in psutil.process_iter(["pid", "cmdline"]):
                if "bot.py" in " ".join(proc.info["cmdline"] or []) and proc.pid != os.getpid():
                    proc.kill()
        kill_others()
        subprocess.run(["pkill", "-f", "bot.py"])
        subprocess.run(["ls", "-l"])
        """}, "bot.py")
    kills = [e for e in evidence if e.kind == "kill-by-name"]
    assert [e.location.line for e in kills] == [5, 7]
    assert kills[1].singleton == "kill-by-name `pkill -f bot.py`"
    assert not any(e.is_singleton for e in evidence)


def test_o_excl_lock_file_in_tmp(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        import os, sys
        LOCK = "/tmp/rvx_bot.lock"
        try:
            fd = os.open(LOCK, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            sys.exit("already running")
        """}, "bot.py")
    lock = only(evidence, "lock-file")
    assert lock.singleton == "lock file /tmp/rvx_bot.lock" and lock.location.line == 4


def test_flock_on_an_opened_pid_file_stop_signal_and_reloader(tmp_path):
    evidence, _ = run(tmp_path, {"app.py": """\
        import fcntl, signal
        from flask import Flask
        app = Flask(__name__)
        handle = open("/var/run/app.pid", "w")
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        signal.signal(signal.SIGTERM, lambda *a: None)
        if __name__ == "__main__":
            app.run(debug=True)
        """}, "app.py")
    assert kinds(evidence) == ["lock-file", "lock-file", "reloader", "stop-signal"]
    assert {e.singleton for e in evidence if e.kind == "lock-file"} == {"lock file /var/run/app.pid"}


# -- robustness ---------------------------------------------------------------------------------------
def test_syntax_error_is_dpl001_and_other_modules_still_scanned(tmp_path):
    evidence, repo = run(tmp_path, {"main.py": """\
        import broken
        from telegram.ext import Application
        Application.builder().token("x").build().run_polling()
        """, "broken.py": "def oops(:\n"}, "main.py")
    assert kinds(evidence) == ["polling", "stop-signal"]
    (finding,) = repo.findings
    assert finding.code == "DPL001" and finding.location.path == "broken.py" and finding.location.line == 1
    assert finding.message.startswith("invalid Python")
    evidence, repo = run(tmp_path, {}, "broken.py")
    assert evidence == []


def test_import_cycle_terminates(tmp_path):
    evidence, _ = run(tmp_path, {"a.py": """\
        import b
        from telegram.ext import Application
        def start():
            b.helper()
        start()
        """, "b.py": """\
        import a
        from a import start
        def helper():
            a.start()
            Application.builder().token("x").build().run_polling()
        from telegram.ext import Application
        """}, "a.py")
    poll = only(evidence, "polling")
    assert poll.location.path == "b.py"


def test_token_read_from_a_config_module(tmp_path):
    evidence, _ = run(tmp_path, {"bot.py": """\
        from telebot import TeleBot
        from config import BOT_TOKEN
        bot = TeleBot(BOT_TOKEN)
        bot.infinity_polling()
        """, "config.py": 'import os\nBOT_TOKEN = os.environ.get("MY_TELEGRAM_TOKEN", "")\n'}, "bot.py")
    assert only(evidence, "polling").token == "MY_TELEGRAM_TOKEN"


def test_preload_runs_import_time_code_once_but_hooks_per_worker(tmp_path):
    files = {"app.py": """\
        from fastapi import FastAPI
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from telegram.ext import Application
        app = FastAPI()
        scheduler = AsyncIOScheduler()
        scheduler.start()
        bot_app = Application.builder().token("x").build()

        async def on_start():
            await bot_app.updater.start_polling()
        app.add_event_handler("startup", on_start)
        """}
    evidence, _ = run(tmp_path, files, "app.py", kind="python-app", app="app", server="gunicorn", preload=True)
    assert {e.kind: e.per_worker for e in evidence} == {"scheduler": False, "polling": True}
    assert only(evidence, "polling").trace[0].note == "start-up hook `on_start` (add_event_handler('startup'))"
    evidence, _ = run(tmp_path, {}, "app.py", kind="python-app", app="app", server="gunicorn", preload=False)
    assert {e.kind: e.per_worker for e in evidence} == {"scheduler": True, "polling": True}


def test_python_m_package_main_with_relative_import(tmp_path):
    evidence, _ = run(tmp_path, {"svc/bot/__init__.py": "", "svc/bot/__main__.py": """\
        from .runner import go
        go()
        """, "svc/bot/runner.py": """\
        from pyrogram import Client, idle
        app = Client("my_bot", bot_token="t")
        def go():
            app.run()
        """}, "svc/bot/__main__.py", kind="python-module", argv=("python", "-m", "bot"))
    (session,) = evidence
    assert session.family == "mtproto:my_bot" and session.location.path == "svc/bot/runner.py"


def test_many_processes_share_parsed_modules(tmp_path):
    evidence, repo = run(tmp_path, {"bot.py": "from telegram.ext import Updater\nUpdater('x').start_polling()\n"},
                         "bot.py")
    again = scan(repo, Process(argv=("python", "bot.py"), location=Location("Procfile", 2, 8),
                               kind="python-script", entry="bot.py"))
    assert again == evidence
    assert ("python-module", "bot.py") in repo._memo


def test_django_management_command_settings_and_appconfig_ready(tmp_path):
    evidence, _ = run(tmp_path, {
        "manage.py": """\
            import os, sys
            def main():
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                from django.core.management import execute_from_command_line
                execute_from_command_line(sys.argv)
            if __name__ == "__main__":
                main()
            """,
        "mysite/__init__.py": "", "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.admin", "shop"]\n',
        "shop/__init__.py": "",
        "shop/apps.py": """\
            from django.apps import AppConfig
            class ShopConfig(AppConfig):
                def ready(self):
                    from .jobs import start
                    start()
            """,
        "shop/jobs.py": """\
            from apscheduler.schedulers.background import BackgroundScheduler
            def start():
                BackgroundScheduler().start()
            """,
        "shop/management/__init__.py": "", "shop/management/commands/__init__.py": "",
        "shop/management/commands/runbot.py": """\
            import os, telebot
            from django.core.management.base import BaseCommand
            bot = telebot.TeleBot(os.environ["TG_TOKEN"])
            class Command(BaseCommand):
                def handle(self, *args, **options):
                    bot.infinity_polling()
            """}, "manage.py", argv=("python", "manage.py", "runbot"))
    assert [(e.kind, e.location.path) for e in evidence] == [
        ("scheduler", "shop/jobs.py"), ("polling", "shop/management/commands/runbot.py")]
    notes = [s.note for s in evidence[0].trace]
    assert "Django loads settings mysite/settings.py" in notes
    assert "Django calls `ShopConfig.ready()` at start-up" in notes
    assert evidence[1].token == "TG_TOKEN"


def test_thread_subclass_start_runs_its_run_method_and_app_factory(tmp_path):
    evidence, _ = run(tmp_path, {"main.py": """\
        import threading
        from aiogram import Dispatcher
        class Poller(threading.Thread):
            def run(self):
                Dispatcher().run_polling("bot")
        def create_app():
            Poller(daemon=True).start()
            return object()
        """}, "main.py", kind="python-app", app="create_app", server="uvicorn")
    poll = only(evidence, "polling")
    assert poll.per_worker is True
    assert [s.note for s in poll.trace][:2] == ["uvicorn calls app factory `create_app()`", "calls `Poller.run` on a `Poller`"]


def test_token_variable_from_imports_is_the_first_token_variable_and_stops_there(tmp_path):
    """The credential comes from a variable the code cannot follow: the first TOKEN
    variable the module or its imports read, in import order; imports after the one
    that names it are read (as ever) but their environment reads are not walked."""
    evidence, repo = run(tmp_path, {
        "bot.py": """\
            from telegram.ext import Application
            import first
            import second
            import third

            def main():
                app = Application.builder().token(first.get_secret()).build()
                app.run_polling()

            main()
            """,
        "first.py": "import os\nPORT = os.getenv('PORT')\n",
        "second.py": "import os\nA = os.getenv('ADMIN_ID')\nT = os.getenv('SECOND_BOT_TOKEN')\n",
        "third.py": "import os\nT = os.getenv('THIRD_BOT_TOKEN')\n",
    }, "bot.py")
    assert only(evidence, "polling").token == "SECOND_BOT_TOKEN"
    from deploylint.code.python_module import load

    assert load(repo, "third.py") is not None and load(repo, "third.py")._env_names is None
