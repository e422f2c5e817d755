import { Bot } from "grammy";
import { Client, GatewayIntentBits } from "discord.js";

export const clients = {
  telegram: new Bot(process.env.TELEGRAM_TOKEN ?? ""),
  discord: new Client({ intents: [GatewayIntentBits.Guilds] }),
  startedAt: new Date(),
};
