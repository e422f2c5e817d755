const { Telegraf } = require('telegraf');

class ReminderBot {
  constructor(token) {
    this.bot = new Telegraf(token);
    this.bot.command('remind', (ctx) => ctx.reply('ok'));
  }

  start() {
    this.bot.launch();
  }
}

module.exports = ReminderBot;
