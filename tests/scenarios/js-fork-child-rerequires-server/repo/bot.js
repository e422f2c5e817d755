const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.command('ping', (ctx) => ctx.reply('pong'));
module.exports = bot;
