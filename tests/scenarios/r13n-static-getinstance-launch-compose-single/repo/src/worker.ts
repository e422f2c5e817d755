import { TelegramBot } from './TelegramBot';

TelegramBot.getInstance().command('remind', (ctx) => ctx.reply('Noted.'));
TelegramBot.getInstance().launch();
