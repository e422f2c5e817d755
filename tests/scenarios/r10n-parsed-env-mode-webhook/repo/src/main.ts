import { Bot, webhookCallback } from 'grammy';
import express from 'express';
import { env } from './env';

const bot = new Bot(env.BOT_TOKEN);
bot.command('quote', (ctx) => ctx.reply('Stay hungry, stay foolish.'));

if (env.BOT_MODE === 'webhook') {
  const app = express();
  app.use(express.json());
  app.use('/tg', webhookCallback(bot, 'express'));
  app.listen(8080, () => bot.api.setWebhook(`${env.PUBLIC_URL}/tg`));
} else {
  bot.start();
}
