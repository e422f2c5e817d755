const express = require('express');
const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.start((ctx) => ctx.reply('Welcome to the support desk'));

if (process.env.NODE_ENV === 'production') {
  const app = express();
  app.use(bot.webhookCallback('/telegram'));
  bot.telegram.setWebhook(`${process.env.PUBLIC_URL}/telegram`);
  app.listen(process.env.PORT || 3000);
} else {
  bot.launch();
}
