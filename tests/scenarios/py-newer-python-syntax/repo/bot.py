import os

from telegram.ext import Application

type Handlers = dict[str, str]
settings = {"name": "demo"}
print(f"starting {settings["name"]}")


def first[T](items: list[T]) -> T:
    return items[0]


Application.builder().token(os.environ["BOT_TOKEN"]).build().run_polling()
