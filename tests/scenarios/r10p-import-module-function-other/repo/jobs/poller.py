import os

from telegram.ext import Application


def main() -> None:
    Application.builder().token(os.environ["TG_TOKEN"]).build().run_polling()
