import { Bot } from "grammy";

export const bot = new Bot(process.env.ALERT_BOT_TOKEN as string);
bot.command("ping", (ctx) => ctx.reply("pong"));

export async function startAlerts(): Promise<void> {
  await bot.api.setWebhook(`${process.env.PUBLIC_URL}/api/telegram`);
}
