import { Bot } from 'grammy';

export class Assistant extends Bot {
  constructor(token) {
    super(token);
    this.command('ticket', (ctx) => ctx.reply('Ticket opened.'));
  }
}
