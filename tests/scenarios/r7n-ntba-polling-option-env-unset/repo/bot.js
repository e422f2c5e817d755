const TelegramBot = require('node-telegram-bot-api');

const isProduction = process.env.NODE_ENV === 'production';
const bot = new TelegramBot(process.env.TELEGRAM_TOKEN, { polling: !isProduction, webHook: isProduction });

if (isProduction) {
  bot.setWebHook(`${process.env.PUBLIC_URL}/bot${process.env.TELEGRAM_TOKEN}`);
}

bot.on('message', (msg) => bot.sendMessage(msg.chat.id, 'Got it'));
