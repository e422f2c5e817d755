const { Bot } = require('grammy');

const bot = new Bot(process.env.BOT_TOKEN);
bot.command('start', (ctx) => ctx.reply('Hi!'));
bot.start();
