from telegram.ext import Application


class LongPoll:
    def serve(self, application: Application) -> None:
        application.run_polling()


class DryRun:
    def serve(self, application: Application) -> None:
        print("configured", application.bot.username)
