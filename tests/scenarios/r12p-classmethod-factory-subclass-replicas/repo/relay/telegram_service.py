import os

from telegram.ext import Application

from relay.service import Service


class TelegramService(Service):
    def serve_forever(self) -> None:
        Application.builder().token(os.environ["BOT_TOKEN"]).build().run_polling()
