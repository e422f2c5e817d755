import { Bot } from "./deps.ts";

const bot = new Bot(Deno.env.get("BOT_TOKEN") ?? "");
bot.command("start", (ctx) => ctx.reply("hi"));
bot.start();
