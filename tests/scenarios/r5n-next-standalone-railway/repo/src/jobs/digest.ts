import cron from "node-cron";
import { Telegraf } from "telegraf";

const sender = new Telegraf(process.env.DIGEST_TOKEN as string);

export function scheduleDigest(): void {
  cron.schedule("0 8 * * *", async () => {
    await sender.telegram.sendMessage(Number(process.env.CHANNEL_ID), "daily digest");
  });
}
