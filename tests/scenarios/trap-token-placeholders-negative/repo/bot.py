"""Token format, as in python-telegram-bot's docs: 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11
and Telegram's: 110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw."""
import os

from telegram.ext import Application

EXAMPLE = "7012345678:your_bot_token_here_from_botfather1"
application = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()

if __name__ == "__main__":
    application.run_polling()
