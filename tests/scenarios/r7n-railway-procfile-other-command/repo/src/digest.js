// Sends the daily digest through the Bot API (no polling).
const { Telegram } = require('telegraf');

const telegram = new Telegram(process.env.BOT_TOKEN);
telegram.sendMessage(process.env.CHAT_ID, 'Daily digest').then(() => process.exit(0));
