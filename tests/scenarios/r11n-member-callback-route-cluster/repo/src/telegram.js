const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.command('orders', (ctx) => ctx.reply('no open orders'));

function start() {
  return bot.launch();
}

module.exports = { start };
