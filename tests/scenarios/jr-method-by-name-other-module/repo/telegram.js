const TelegramBot = require('node-telegram-bot-api');

function launchBot() {
  const bot = new TelegramBot(process.env.BOT_TOKEN, { polling: true });
  bot.on('message', (msg) => bot.sendMessage(msg.chat.id, 'hi'));
}

module.exports = { launchBot };
