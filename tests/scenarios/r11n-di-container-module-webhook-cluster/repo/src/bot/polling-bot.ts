import { injectable } from 'inversify';
import { Telegraf } from 'telegraf';
import { IBot } from '../types';

@injectable()
export class PollingBot implements IBot {
  private readonly telegraf = new Telegraf(process.env.BOT_TOKEN ?? '');

  async start(): Promise<void> {
    this.telegraf.help((ctx) => ctx.reply('Ask us anything'));
    await this.telegraf.launch();
  }
}
