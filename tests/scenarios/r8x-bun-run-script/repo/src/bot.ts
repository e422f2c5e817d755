import { Telegraf } from "telegraf";

const bot = new Telegraf(process.env.BOT_TOKEN as string);
bot.start((ctx) => ctx.reply("hi"));
bot.launch();
