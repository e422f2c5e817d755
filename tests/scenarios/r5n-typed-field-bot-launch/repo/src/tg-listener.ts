import { Telegraf } from "telegraf";

export class TgListener {
  private readonly bot = new Telegraf(process.env.TG_TOKEN as string);

  launch(): void {
    this.bot.on("message", (ctx) => ctx.reply("seen"));
    this.bot.launch();
  }
}
