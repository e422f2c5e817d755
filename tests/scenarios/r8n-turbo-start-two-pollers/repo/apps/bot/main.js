const { Bot } = require('grammy');
const { greeting } = require('@club/shared');

const bot = new Bot(process.env.CLUB_TOKEN);
bot.command('start', (ctx) => ctx.reply(greeting));
bot.start();
