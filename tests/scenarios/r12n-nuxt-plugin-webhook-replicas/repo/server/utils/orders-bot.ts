import { Telegraf } from "telegraf";

export const bot = new Telegraf(process.env.ORDERS_BOT_TOKEN as string);

export async function startOrdersBot(): Promise<void> {
  bot.command("orders", (ctx) => ctx.reply("no new orders"));
  await bot.telegram.setWebhook(`${process.env.PUBLIC_URL}/api/telegram`);
}
