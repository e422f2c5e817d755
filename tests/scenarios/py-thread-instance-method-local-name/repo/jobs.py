import time


class Jobs:
    def __init__(self, bot):
        self.bot = bot

    def run_polling(self):
        while True:
            time.sleep(30)
