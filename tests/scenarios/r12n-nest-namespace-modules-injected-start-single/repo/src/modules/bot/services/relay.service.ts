import { Injectable } from "@nestjs/common";
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

@Injectable()
export class RelayService {
  private readonly bot = new Bot(process.env.RELAY_TOKEN as string);

  public start(): void {
    this.bot.on("message", (ctx) => ctx.reply("relayed"));
    run(this.bot);
  }
}
