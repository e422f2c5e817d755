import { Bot } from "grammy";
import { ApiClient } from "./api.js";

class App {
  bot = new ApiClient(process.env.API_URL ?? "http://localhost");
  started = Date.now();
}

const app = new App();
export const notify = new Bot(process.env.BOT_TOKEN ?? "");
await notify.api.sendMessage(process.env.ADMIN_CHAT ?? "0", "booting");
await app.bot.start();
