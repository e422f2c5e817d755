import os
import threading

from runner import BotInstance


def serve_forever():
    while True:
        threading.Event().wait(60)


if __name__ == "__main__":
    inst = BotInstance(os.environ["BOT_TOKEN"])
    threading.Thread(target=inst.run_bot, daemon=True).start()
    serve_forever()
