import TelegramBot from "node-telegram-bot-api";

// loaded on the first request to /api/telegram, then kept for the life of the server process
const bot = new TelegramBot(process.env.HELPDESK_TOKEN as string, { polling: true });
bot.on("message", (msg) => bot.sendMessage(msg.chat.id, "ticket opened"));

export async function GET() {
  return Response.json({ running: true });
}
