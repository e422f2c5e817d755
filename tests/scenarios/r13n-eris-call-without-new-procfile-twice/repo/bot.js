const Eris = require("eris");
const express = require("express");

const bot = Eris(process.env.BOT_TOKEN, { intents: ["guildMessages"] });
bot.on("messageCreate", (msg) => {
  if (msg.content === "!roll") bot.createMessage(msg.channel.id, String(1 + Math.floor(Math.random() * 6)));
});
bot.connect();

const app = express();
app.get("/", (req, res) => res.send("ok"));
app.listen(process.env.PORT || 3000);
