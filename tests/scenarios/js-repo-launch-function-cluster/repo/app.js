const express = require('express');
const { Telegraf } = require('telegraf');
const server = require('./lib/server');

const bot = new Telegraf(process.env.BOT_TOKEN);
const app = express();
app.use(bot.webhookCallback('/telegram'));

class Scheduler {
  launch() {
    setInterval(() => console.log('cleanup'), 60000);
  }
}

function launch() {
  server.start(app);
  new Scheduler().launch();
}

launch();
