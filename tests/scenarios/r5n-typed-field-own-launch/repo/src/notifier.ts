import { Telegraf } from "telegraf";

export class Notifier {
  private readonly bot = new Telegraf(process.env.TG_TOKEN as string);

  async tell(chat: number, text: string): Promise<void> {
    await this.bot.telegram.sendMessage(chat, text);
  }
}
