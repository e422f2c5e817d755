import { Bot } from 'grammy';

const bot = new Bot(process.env.BOT_TOKEN as string);
bot.command('start', (ctx) => ctx.reply('hi'));
bot.start();
