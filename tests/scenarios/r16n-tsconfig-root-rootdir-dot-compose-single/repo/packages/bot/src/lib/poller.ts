import { Bot } from "grammy";

export async function runPoller(token: string): Promise<void> {
  const bot = new Bot(token);
  bot.on("message", (ctx) => ctx.reply("pong"));
  await bot.start();
}
