const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.TELEGRAM_BOT_TOKEN);
bot.command('balance', (ctx) => ctx.reply('Balance: 0'));

module.exports = bot;
