import { injectable } from 'inversify';
import { Telegraf } from 'telegraf';
import { Runner } from '../types';

@injectable()
export class TelegramRunner implements Runner {
  private readonly bot = new Telegraf(process.env.BOT_TOKEN ?? '');

  async start(): Promise<void> {
    this.bot.command('stock', (ctx) => ctx.reply('3 items left'));
    await this.bot.launch();
  }
}
