import { NewMessage } from "telegram/events";
import { client } from "./client";

async function main(): Promise<void> {
  await client.start({ botAuthToken: process.env.BOT_TOKEN ?? "" });
  client.addEventHandler(async (event) => {
    await client.forwardMessages(process.env.TARGET_CHAT ?? "me", { messages: [event.message.id], fromPeer: event.chatId });
  }, new NewMessage({ chats: [process.env.SOURCE_CHAT ?? ""] }));
}

main();
