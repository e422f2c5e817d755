const { Client } = require("discord.js-selfbot-v13");

const account = new Client();
account.on("ready", () => account.user.setStatus("idle"));
account.login(process.env.ACCOUNT_TOKEN);
