const express = require("express");
const { Telegraf } = require("telegraf");

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.on("text", (ctx) => ctx.reply("ticket noted"));

const app = express();
app.use(bot.webhookCallback("/telegram"));

async function start() {
  app.listen(8080);
  try {
    await bot.telegram.setWebhook(`${process.env.PUBLIC_URL}/telegram`);
  } catch (error) {
    console.warn("could not register the webhook, polling instead", error);
    await bot.launch();
  }
}

start();
