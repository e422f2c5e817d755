const { Telegraf } = require("telegraf");
const bot = new Telegraf(process.env.BOT_TOKEN);
bot.command("remind", (ctx) => ctx.reply("ok"));
bot
  .launch({ webhook: { domain: process.env.APP_DOMAIN, port: Number(process.env.PORT) } })
  .catch(() => bot.launch());
