import { Telegraf } from 'telegraf';

const bot = new Telegraf(process.env.BOT_TOKEN);
bot.on('new_chat_members', (ctx) => ctx.reply('Welcome! Please read the rules.'));
bot.command('restart', () => process.send?.('restart'));
bot.launch();
