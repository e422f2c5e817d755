import os

from telegram.ext import Application


def main() -> None:
    app = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).build()
    app.run_polling()


if __name__ == "__main__":
    main()
