const TelegramBot = require("node-telegram-bot-api");

function start() {
  const bot = new TelegramBot(process.env.NOTIFY_TOKEN, { polling: true });
  bot.on("message", (msg) => bot.sendMessage(msg.chat.id, "noted"));
}

module.exports = { start };
