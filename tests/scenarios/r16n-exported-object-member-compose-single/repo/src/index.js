import { clients } from "./clients.js";

clients.telegram.on("message:text", (ctx) => ctx.reply("seen"));
await Promise.all([
  clients.telegram.start(),
  clients.discord.login(process.env.DISCORD_TOKEN),
]);
