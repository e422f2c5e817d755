import TelegramBot from 'node-telegram-bot-api';
import settings from './settings.mjs';

const options = settings.live ? {} : { polling: { interval: 1000 } };

export const bot = new TelegramBot(settings.token, options);
