import { Telegraf } from "telegraf";

const quotes = new Telegraf(process.env.QUOTES_TOKEN as string);
quotes.command("quote", (ctx) => ctx.reply("Stay hungry."));
quotes.launch();
