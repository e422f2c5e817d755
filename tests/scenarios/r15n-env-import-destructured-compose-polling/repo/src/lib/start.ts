import { Telegraf } from 'telegraf';

export async function viaWebhook(bot: Telegraf, domain: string): Promise<void> {
  await bot.launch({ webhook: { domain, port: 8080 } });
}

export async function viaPolling(bot: Telegraf): Promise<void> {
  await bot.telegram.deleteWebhook();
  await bot.launch();
}
