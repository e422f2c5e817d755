import { Telegraf } from "telegraf";

export async function startOrdersBot(): Promise<void> {
  const bot = new Telegraf(process.env.ORDERS_BOT_TOKEN as string);
  bot.command("orders", (ctx) => ctx.reply("no new orders"));
  bot.launch();
}
