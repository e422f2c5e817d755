import os
import sys

from telegram.ext import Application, CommandHandler


async def remind(update, context):
    await update.message.reply_text("noted")


def main() -> None:
    if sys.argv[1:2] != ["run"]:
        raise SystemExit("usage: remind run")
    app = Application.builder().token(os.environ["BOT_TOKEN"]).build()
    app.add_handler(CommandHandler("remind", remind))
    app.run_polling()
