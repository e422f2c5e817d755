import os

from telegram.ext import Application


class TgPoller:
    def describe(self):
        return "telegram"

    def serve(self):
        app = Application.builder().token(os.environ["BOT_TOKEN"]).build()
        app.run_polling()
