import { Telegraf } from "telegraf";

const bot = new Telegraf(process.env.ORDERS_BOT_TOKEN as string);

export async function startOrdersBot(): Promise<void> {
  bot.command("orders", (ctx) => ctx.reply("no new orders"));
  await bot.launch();
}
