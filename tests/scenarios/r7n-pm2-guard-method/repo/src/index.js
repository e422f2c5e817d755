const express = require('express');
const { Telegraf } = require('telegraf');

class ShopApp {
  constructor() {
    this.http = express();
    this.bot = new Telegraf(process.env.BOT_TOKEN);
    this.bot.command('catalog', (ctx) => ctx.reply('Catalog: /shoes /bags'));
  }

  // PM2 numbers its cluster instances from 0
  isPrimaryInstance() {
    return !process.env.NODE_APP_INSTANCE || process.env.NODE_APP_INSTANCE === '0';
  }

  run() {
    this.http.get('/health', (req, res) => res.send('ok'));
    this.http.listen(process.env.PORT || 3000);
    if (this.isPrimaryInstance()) {
      this.bot.launch();
    }
  }
}

new ShopApp().run();
