import os

from notifier import bot


def main():
    if os.environ.get("ROLE") != "web":
        bot.infinity_polling()


if __name__ == "__main__":
    main()
