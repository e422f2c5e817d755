import { Telegraf } from 'telegraf';

export class TelegramHolder {
  private static current?: TelegramHolder;
  public readonly bot: Telegraf;

  private constructor() {
    this.bot = new Telegraf(process.env.TELEGRAM_TOKEN ?? '');
  }

  public static get Instance(): TelegramHolder {
    if (!TelegramHolder.current) {
      TelegramHolder.current = new TelegramHolder();
    }
    return TelegramHolder.current;
  }
}
