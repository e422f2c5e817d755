const TelegramBot = require("node-telegram-bot-api");

const bot = new TelegramBot(process.env.TELEGRAM_TOKEN, { polling: true });
bot.onText(/\/remind (.+)/, (msg, match) => {
  bot.sendMessage(msg.chat.id, `I will remind you: ${match[1]}`);
});
