import { Bot } from "grammy";

const bot = new Bot(process.env.BOT_TOKEN ?? "");
bot.command("table", (ctx) => ctx.reply("1. Lions 12 pts"));
bot.start();
