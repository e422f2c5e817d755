const fs = require('fs');
const express = require('express');
const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN);

fs.readdirSync(`${__dirname}/handlers`).forEach((file) => {
  require(`./handlers/${file}`)(bot);
});

const app = express();
app.use(bot.webhookCallback('/telegram'));
bot.telegram.setWebhook(`https://${process.env.WEBHOOK_DOMAIN}/telegram`);
app.listen(process.env.PORT || 3000);
