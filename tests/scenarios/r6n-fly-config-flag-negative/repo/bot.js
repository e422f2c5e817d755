const http = require("http");
const { Bot } = require("grammy");

const bot = new Bot(process.env.BOT_TOKEN);
bot.command("quiz", (ctx) => ctx.reply("What is 2 + 2?"));
http.createServer((req, res) => res.end("ok")).listen(8080);
bot.start();
