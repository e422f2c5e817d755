import { TelegramHolder } from '../lib/telegram';

export async function telegramLoader(): Promise<void> {
  const holder = TelegramHolder.Instance;
  holder.bot.command('quote', (ctx) => ctx.reply('Patience is a tree whose root is bitter.'));
  holder.bot.catch((err) => console.error('telegram error', err));
  await holder.bot.launch();
}
