const TelegramBot = require('node-telegram-bot-api');
const config = require('./config');

const bot = new TelegramBot(config.telegram.token, config.telegram.options);
bot.onText(/\/start/, (msg) => bot.sendMessage(msg.chat.id, 'Welcome to the shop'));
