import os

from telegram.ext import Application


def main():
    application = Application.builder().token(os.environ["TG_TOKEN"]).build()
    if os.environ.get("RAILWAY_REPLICA_ID"):
        # every replica has its own id: this is true in all of them
        application.run_polling()


if __name__ == "__main__":
    main()
