const TelegramBot = require('node-telegram-bot-api');

const bot = new TelegramBot(process.env.BOT_TOKEN);
setInterval(() => bot.sendMessage(process.env.CHAT_ID, 'tick'), 60000);
