import { Client, GatewayIntentBits } from "discord.js";

const client = new Client({ intents: [GatewayIntentBits.Guilds] });
client.once("ready", () => console.log("ready"));
void client.login(process.env.DISCORD_TOKEN);
