from telegram.ext import Application


class BotInstance:
    def __init__(self, token):
        self.token = token

    def run_bot(self):
        application = Application.builder().token(self.token).build()
        application.run_polling()
