import express from "express";
import { Bot } from "grammy";

const app = express();
app.get("/health", (_req, res) => res.send("ok"));
app.listen(Number(process.env.PORT ?? 3000));

const bot = new Bot(process.env.BOT_TOKEN ?? "");
bot.command("start", (ctx) => ctx.reply("Reminders on"));
bot.start();
