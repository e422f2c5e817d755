import { Bot } from "grammy";

export const fleet = [
  new Bot(process.env.SUPPORT_TOKEN ?? ""),
  new Bot(process.env.ALERTS_TOKEN ?? ""),
];
