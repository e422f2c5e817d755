import { Telegraf } from "telegraf";

export class Registry {
  static readonly desk = new Telegraf(process.env.DESK_TOKEN ?? "");
  static readonly startedAt = Date.now();
}
