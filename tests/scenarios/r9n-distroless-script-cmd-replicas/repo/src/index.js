const { Bot } = require('grammy');

const bot = new Bot(process.env.BOT_TOKEN);
bot.command('standup', (ctx) => ctx.reply('What did you do yesterday?'));
bot.start();
