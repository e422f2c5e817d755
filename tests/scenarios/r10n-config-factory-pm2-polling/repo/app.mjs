import TelegramBot from 'node-telegram-bot-api';
import { readSettings } from './lib/settings.mjs';

const settings = readSettings();
const bot = new TelegramBot(settings.token, { polling: !settings.hooks });

if (settings.hooks) {
  bot.setWebHook(`${settings.publicUrl}/hook`);
}

bot.onText(/\/ping/, (msg) => bot.sendMessage(msg.chat.id, 'pong'));
