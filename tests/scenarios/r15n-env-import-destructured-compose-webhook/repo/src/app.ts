import { Telegraf } from 'telegraf';
import { APP_URL, BOT_TOKEN, NODE_ENV } from './settings';
import { viaPolling, viaWebhook } from './lib/start';

const bot = new Telegraf(BOT_TOKEN as string);
bot.command('quote', (ctx) => ctx.reply('Stay hungry.'));

if (NODE_ENV === 'development') {
  viaPolling(bot).catch(console.error);
} else {
  viaWebhook(bot, APP_URL as string).catch(console.error);
}
