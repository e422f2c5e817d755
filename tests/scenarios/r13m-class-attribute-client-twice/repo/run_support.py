from app.factory import build_support_bot

if __name__ == "__main__":
    bot = build_support_bot()
    bot.polling(none_stop=True)
