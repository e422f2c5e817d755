const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.command('order', (ctx) => ctx.reply('Order received.'));
bot.launch();
