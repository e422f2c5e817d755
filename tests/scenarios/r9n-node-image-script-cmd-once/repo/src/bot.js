const TelegramBot = require('node-telegram-bot-api');

const bot = new TelegramBot(process.env.BOT_TOKEN, { polling: true });
bot.onText(/\/remind (.+)/, (msg, match) => bot.sendMessage(msg.chat.id, `noted: ${match[1]}`));
