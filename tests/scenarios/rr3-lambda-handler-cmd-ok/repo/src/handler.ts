import { Telegraf } from "telegraf";

const bot = new Telegraf(process.env.BOT_TOKEN as string);

export const webhook = async (event: { body: string }) => {
  await bot.handleUpdate(JSON.parse(event.body));
  return { statusCode: 200 };
};
