import { Bot } from 'grammy';

export function startBot(): void {
  const bot = new Bot(process.env.BOT_TOKEN as string);
  bot.command('start', (ctx) => ctx.reply('hi'));
  bot.start();
}
