import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import telebot

bot = telebot.TeleBot(os.environ["ASSISTANT_TOKEN"])


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


def serve_health():
    HTTPServer(("0.0.0.0", 8080), Health).serve_forever()


def poll_updates():
    bot.infinity_polling()


def send_digest():
    bot.send_message(os.environ["OWNER_CHAT"], "daily digest")


if __name__ == "__main__":
    workers = []
    for target in (serve_health, poll_updates):
        worker = threading.Thread(target=target, daemon=True)
        worker.start()
        workers.append(worker)
    for worker in workers:
        worker.join()
