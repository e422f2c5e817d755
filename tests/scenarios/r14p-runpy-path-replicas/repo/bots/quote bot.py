from telegram.ext import Application, CommandHandler


async def quote(update, context):
    await update.message.reply_text("Less is more.")


def main():
    app = Application.builder().token("123:abc").build()
    app.add_handler(CommandHandler("quote", quote))
    app.run_polling()


if __name__ == "__main__":
    main()
