const settings = require("./settings");

const client = settings.client;

client.on("message", async (msg) => {
  if (msg.body === "hi") await msg.reply(settings.greeting);
});

client.initialize();
