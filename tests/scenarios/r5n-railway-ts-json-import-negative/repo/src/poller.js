const { Telegraf } = require("telegraf");

const relay = new Telegraf(process.env.TG_TOKEN);
relay.on("message", (ctx) => ctx.reply("noted"));
relay.launch();
