import telebot

from config import config

bot = telebot.TeleBot(config.TOKEN)


@bot.message_handler(commands=["soup"])
def soup(message):
    bot.reply_to(message, "Tomato soup: tomatoes, onion, garlic, basil.")


if config.USE_WEBHOOK:
    bot.set_webhook(url=config.WEBHOOK_URL)
else:
    bot.infinity_polling()
