const TelegramBot = require('node-telegram-bot-api');
const settings = require('./settings');

const bot = new TelegramBot(settings.telegram.token, { polling: settings.telegram.poll });

if (!settings.telegram.poll) {
  bot.setWebHook(settings.telegram.hookUrl);
}

bot.onText(/\/price (.+)/, (msg, match) => bot.sendMessage(msg.chat.id, `Looking up ${match[1]}...`));
