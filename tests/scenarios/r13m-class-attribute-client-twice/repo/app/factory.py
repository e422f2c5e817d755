from app.clients import Bots


def build_support_bot():
    bot = Bots.support

    @bot.message_handler(commands=["start"])
    def start(message):
        bot.reply_to(message, "hi")

    return bot
