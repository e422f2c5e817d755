import { Client, GatewayIntentBits } from "discord.js";

const client = new Client({ intents: [GatewayIntentBits.Guilds] });

export async function connectGuildBot(): Promise<void> {
  client.once("ready", () => console.log("guild bot ready"));
  await client.login(process.env.DISCORD_TOKEN);
}
