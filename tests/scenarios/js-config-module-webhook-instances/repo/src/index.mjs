import TelegramBot from 'node-telegram-bot-api';
import { telegram, cities } from './config/index.mjs';

const bot = new TelegramBot(telegram.token, telegram.options);
bot.onText(/\/weather/, (msg) => bot.sendMessage(msg.chat.id, cities.join(', ')));
