import { TelegramClient } from "telegram";
import { StringSession } from "telegram/sessions";

// every process logs the bot in with a new, empty session: two sessions, not one used twice
export const client = new TelegramClient(new StringSession(""), Number(process.env.TG_API_ID), process.env.TG_API_HASH ?? "", {
  connectionRetries: 5,
});
