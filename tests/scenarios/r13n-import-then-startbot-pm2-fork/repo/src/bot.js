import { Bot } from 'grammy';

export function startBot() {
  const bot = new Bot(process.env.BOT_TOKEN);
  bot.command('play', (ctx) => ctx.reply('Open the table: ' + process.env.PUBLIC_URL));
  bot.start();
  return bot;
}
