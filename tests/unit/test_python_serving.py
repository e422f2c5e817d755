"""Code after a call that serves until the process stops (deploylint.code.python_serving):
a poller there is a fallback (Evidence.after), not a running copy."""
from textwrap import dedent

from deploylint.code.python import scan
from deploylint.discover import discover
from deploylint.model import Location, Process

from conftest import write_tree


def evidence_of(tmp_path, text):
    write_tree(tmp_path, {"bot.py": dedent(text)})
    process = Process(argv=("python", "bot.py"), location=Location("Procfile", 1, 9), kind="python-script",
                      entry="bot.py", language="python")
    return [e for e in scan(discover(tmp_path), process) if e.kind == "polling"]


def test_poller_after_uvicorn_run_is_after_serving(tmp_path):
    (found,) = evidence_of(tmp_path, """\
        import uvicorn
        from fastapi import FastAPI
        from telegram.ext import Application
        app = FastAPI()
        application = Application.builder().token("x").build()
        if __name__ == "__main__":
            uvicorn.run(app, host="0.0.0.0")
            application.run_polling()
        """)
    assert found.after == "`uvicorn.run(…)` returns"
    assert found.after_location.line == 7
    assert not found.is_singleton and found.after_serving


def test_serve_forever_and_a_function_called_after_it(tmp_path):
    (found,) = evidence_of(tmp_path, """\
        from http.server import HTTPServer, BaseHTTPRequestHandler
        import telebot
        bot = telebot.TeleBot("x")
        def poll():
            bot.infinity_polling()
        httpd = HTTPServer(("", 8000), BaseHTTPRequestHandler)
        httpd.serve_forever()
        poll()
        """)
    assert found.after.startswith("`httpd.serve_forever()`") and found.location.line == 5


def test_poller_before_the_server_or_server_in_a_thread_runs(tmp_path):
    (found,) = evidence_of(tmp_path, """\
        import threading
        import telebot
        from flask import Flask
        bot = telebot.TeleBot("x")
        app = Flask(__name__)
        threading.Thread(target=lambda: app.run()).start()
        bot.infinity_polling()
        app.run()
        """)
    assert found.after == "" and found.is_singleton


def test_run_of_a_client_is_not_a_server(tmp_path):
    # pyrogram's Client.run() is the session itself, not a web server: a poller after it is not "after serving"
    (found,) = evidence_of(tmp_path, """\
        import telebot
        from pyrogram import Client
        bot = telebot.TeleBot("x")
        app = Client("me")
        app.run()
        bot.infinity_polling()
        """)
    assert found.after == ""


def test_the_same_poller_reached_while_serving_wins(tmp_path):
    # reached first after a server call (in a thread), then again normally: it runs
    (found,) = evidence_of(tmp_path, """\
        import threading
        from flask import Flask
        import telebot
        bot = telebot.TeleBot("x")
        app = Flask(__name__)
        def poll():
            bot.infinity_polling()
        def serve_then_poll():
            app.run()
            poll()
        def start():
            threading.Thread(target=poll).start()
        threading.Thread(target=serve_then_poll).start()
        start()
        """)
    assert found.after == ""


def test_awaited_uvicorn_server_and_try_block_and_asyncio_run(tmp_path):
    (found,) = evidence_of(tmp_path, """\
        import asyncio
        import uvicorn
        import telebot
        from hypercorn.asyncio import serve
        bot = telebot.TeleBot("x")
        async def main(app, config):
            server = uvicorn.Server(config)
            try:
                await server.serve()
            except KeyboardInterrupt:
                pass
            bot.infinity_polling()
        asyncio.run(main(None, None))
        """)
    assert found.after == "`server.serve()` returns"
    (found,) = evidence_of(tmp_path, """\
        import asyncio
        import telebot
        from hypercorn.asyncio import serve
        bot = telebot.TeleBot("x")
        asyncio.run(serve(None, None))
        bot.infinity_polling()
        """)
    assert found.after == "`serve(…)` returns"


def test_serve_of_an_unknown_object_does_not_block(tmp_path):
    (found,) = evidence_of(tmp_path, """\
        import telebot
        from myproject import Server
        bot = telebot.TeleBot("x")
        Server().serve()
        bot.infinity_polling()
        """)
    assert found.after == ""
