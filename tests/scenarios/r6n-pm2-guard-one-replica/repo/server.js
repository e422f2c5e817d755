const express = require("express");
const { Telegraf } = require("telegraf");

const app = express();
app.get("/health", (req, res) => res.send("ok"));
app.listen(process.env.PORT || 3000);

// only the first PM2 worker talks to Telegram
if (process.env.NODE_APP_INSTANCE === "0") {
  const bot = new Telegraf(process.env.BOT_TOKEN);
  bot.command("orders", (ctx) => ctx.reply("no orders yet"));
  bot.launch();
}
