import TelegramBot from "node-telegram-bot-api";

const bot = new TelegramBot(process.env.HELPDESK_TOKEN as string);
bot.on("message", (msg) => bot.sendMessage(msg.chat.id, "ticket opened"));

// Telegram posts every update here (setWebHook points at /api/telegram)
export async function POST(request: Request) {
  bot.processUpdate(await request.json());
  return Response.json({ ok: true });
}
