const { Bot } = require('grammy');
const bot = new Bot(process.env.TELEGRAM_BOT_TOKEN);
bot.command('start', (ctx) => ctx.reply('hi'));
bot.start();
