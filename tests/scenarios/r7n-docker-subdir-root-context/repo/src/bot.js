const { Bot } = require('grammy');

const bot = new Bot(process.env.BOT_TOKEN);
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
bot.start();
