import { Bot } from 'grammy';

export function startPolling(): void {
  const bot = new Bot(process.env.BOT_TOKEN as string);
  bot.start();
}

export function warmCache(): void {
  console.log('cache warm');
}
