import { Bot } from 'grammy';

const bot = new Bot(process.env.BOT_TOKEN ?? '');
bot.command('menu', (ctx) => ctx.reply('Today: soup, salad, pie.'));
bot.start();
