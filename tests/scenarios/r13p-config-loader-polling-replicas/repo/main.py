import telebot

from config import config

bot = telebot.TeleBot(config.token)


@bot.message_handler(commands=["help"])
def help_command(message):
    bot.reply_to(message, "ask me anything")


if config.webhook:
    bot.run_webhooks(listen="0.0.0.0", port=config.port)
else:
    bot.infinity_polling()
