const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.start((ctx) => ctx.reply('Watching prices for you'));
bot.launch();

process.once('SIGTERM', () => bot.stop('SIGTERM'));
