import { injectable } from 'inversify';
import express from 'express';
import { Telegraf } from 'telegraf';
import { IBot } from '../types';

@injectable()
export class WebhookBot implements IBot {
  private readonly telegraf = new Telegraf(process.env.BOT_TOKEN ?? '');

  async start(): Promise<void> {
    const app = express();
    app.use(await this.telegraf.createWebhook({ domain: process.env.PUBLIC_DOMAIN ?? '' }));
    app.listen(Number(process.env.PORT ?? 3000));
  }
}
