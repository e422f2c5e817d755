import os
from http.server import HTTPServer, SimpleHTTPRequestHandler
from multiprocessing import Process

from telegram.ext import ApplicationBuilder


def run_bot():
    app = ApplicationBuilder().token(os.environ["TOKEN"]).build()
    app.run_polling()


if __name__ == "__main__":
    Process(target=run_bot, daemon=True).start()
    HTTPServer(("", 8000), SimpleHTTPRequestHandler).serve_forever()
