import { Bot } from 'grammy';

export const bot = new Bot(process.env.TELEGRAM_TOKEN ?? '');
export const channelId = process.env.CHANNEL_ID;

bot.command('latest', (ctx) => ctx.reply('nothing new yet'));
