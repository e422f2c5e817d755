import { Injectable, OnModuleInit } from '@nestjs/common';
import { Telegraf } from 'telegraf';

@Injectable()
export class TelegramService implements OnModuleInit {
  private readonly bot = new Telegraf(process.env.TELEGRAM_TOKEN as string);

  onModuleInit() {
    this.bot.command('status', (ctx) => ctx.reply('all good'));
    this.bot.launch();
  }

  notify(chatId: number, text: string) {
    return this.bot.telegram.sendMessage(chatId, text);
  }
}
