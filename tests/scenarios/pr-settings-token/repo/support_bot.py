from telegram.ext import Application

import settings

Application.builder().token(settings.SUPPORT_BOT_TOKEN).build().run_polling()
