const { Telegraf } = require('telegraf');

function makeBot() {
  const bot = new Telegraf(process.env.HELPDESK_TOKEN);
  bot.on('text', (ctx) => ctx.reply('A human will answer soon.'));
  return bot;
}

module.exports = { makeBot };
