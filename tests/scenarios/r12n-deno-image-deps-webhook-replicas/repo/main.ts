import { Bot, webhookCallback } from "./deps.ts";
import { status } from "./handlers/status.ts";

const bot = new Bot(Deno.env.get("BOT_TOKEN") ?? "");
bot.command("status", status);
Deno.serve({ port: 8000 }, webhookCallback(bot, "std/http"));
