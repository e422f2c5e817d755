import { Client } from "oceanic.js";

const client = new Client({
  auth: `Bot ${process.env.DISCORD_TOKEN}`,
  gateway: { intents: ["GUILDS", "GUILD_MESSAGES"] },
});

client.on("ready", () => console.log(`ready as ${client.user.tag}`));
client.on("error", (err) => console.error(err));

await client.connect();
