const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.command('status', (ctx) => ctx.reply('shop is open'));

module.exports = { bot };
