import { bot } from './lib/bot.mjs';

bot.command('quiz', (ctx) => ctx.reply('Question 1'));
