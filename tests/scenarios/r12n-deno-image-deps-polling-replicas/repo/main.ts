import { Bot } from "./deps.ts";
import { status } from "./handlers/status.ts";

const bot = new Bot(Deno.env.get("BOT_TOKEN") ?? "");
bot.command("status", status);
bot.start();
