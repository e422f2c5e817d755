const { Telegraf } = require('telegraf');

class ReminderBot {
  constructor(token) {
    this.bot = new Telegraf(token);
    this.bot.command('remind', (ctx) => ctx.reply('ok'));
  }

  run() {
    this.bot.launch();
  }

  notify(chatId, text) {
    return this.bot.telegram.sendMessage(chatId, text);
  }
}

module.exports = new ReminderBot(process.env.BOT_TOKEN);
