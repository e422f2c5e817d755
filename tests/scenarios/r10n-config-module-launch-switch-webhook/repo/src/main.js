import { Telegraf } from 'telegraf';
import config from './config.js';

const bot = new Telegraf(config.botToken);
bot.command('weather', (ctx) => ctx.reply('Sunny, 21°C'));

if (config.useWebhook) {
  await bot.launch({ webhook: { domain: config.domain, port: config.port } });
} else {
  await bot.launch();
}
