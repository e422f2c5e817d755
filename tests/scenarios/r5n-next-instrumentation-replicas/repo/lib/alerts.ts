import { Bot } from "grammy";

let running = false;

export async function startAlerts(): Promise<void> {
  if (running) return;
  const bot = new Bot(process.env.ALERT_BOT_TOKEN as string);
  bot.command("ping", (ctx) => ctx.reply("pong"));
  running = true;
  bot.start();
}
