import { Bot } from 'grammy';

const bot = new Bot(process.env.BOT_TOKEN!);
bot.command('tip', (ctx) => ctx.reply('Thanks!'));
bot.start();
