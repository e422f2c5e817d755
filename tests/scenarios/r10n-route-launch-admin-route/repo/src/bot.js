import { Telegraf } from 'telegraf';

export const bot = new Telegraf(process.env.BOT_TOKEN);
bot.hears(/hello/i, (ctx) => ctx.reply('Hello from the shop!'));

let running = false;
export async function ensureRunning() {
  if (running) return;
  running = true;
  await bot.launch();
}
