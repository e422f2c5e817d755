const { Telegraf } = require("telegraf");
const bot = new Telegraf(process.env.BOT_TOKEN);
bot.launch();
setInterval(() => bot.telegram.sendMessage(process.env.CHAT_ID, "drink water"), 3600 * 1000);
