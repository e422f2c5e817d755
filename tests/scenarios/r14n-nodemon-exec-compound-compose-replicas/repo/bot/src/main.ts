import { Bot } from 'grammy';

const bot = new Bot(process.env.BOT_TOKEN ?? '');
bot.command('hello', (ctx) => ctx.reply(`hi ${ctx.from?.first_name ?? 'there'}`));

void bot.start();
