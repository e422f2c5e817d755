import { Bot } from "grammy";

const quiz = new Bot(Bun.env.BOT_TOKEN!);
quiz.command("question", (ctx) => ctx.reply("2 + 2 = ?"));
quiz.start();
