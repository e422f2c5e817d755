import { TelegramClient } from "telegram";
import { StringSession } from "telegram/sessions";

const saved = new StringSession(process.env.TG_SESSION ?? "");

export const client = new TelegramClient(saved, Number(process.env.TG_API_ID), process.env.TG_API_HASH ?? "", {
  connectionRetries: 5,
});
