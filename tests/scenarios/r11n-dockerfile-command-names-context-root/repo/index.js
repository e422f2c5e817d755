const TelegramBot = require('node-telegram-bot-api');

const bot = new TelegramBot(process.env.TELEGRAM_TOKEN, { polling: true });
bot.onText(/\/today/, (msg) => bot.sendMessage(msg.chat.id, 'no classes today'));
