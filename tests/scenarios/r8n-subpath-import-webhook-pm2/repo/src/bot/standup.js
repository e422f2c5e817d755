import { Bot } from 'grammy';
import { token } from '#config';

export const standup = new Bot(token);
standup.command('standup', (ctx) => ctx.reply('What did you do yesterday?'));
