const express = require('express');
const { Telegraf } = require('telegraf');

class ShopApp {
  constructor() {
    this.http = express();
    this.bot = new Telegraf(process.env.BOT_TOKEN);
    this.bot.command('catalog', (ctx) => ctx.reply('Catalog: /shoes /bags'));
  }

  // the bot can be switched off in the dashboard
  botEnabled() {
    return process.env.BOT_ENABLED !== 'false';
  }

  run() {
    this.http.get('/health', (req, res) => res.send('ok'));
    this.http.listen(process.env.PORT || 3000);
    if (this.botEnabled()) {
      this.bot.launch();
    }
  }
}

new ShopApp().run();
