import { Client, GatewayIntentBits } from "discord.js";

export default defineNitroPlugin(() => {
  const client = new Client({ intents: [GatewayIntentBits.Guilds] });
  client.once("ready", () => console.log("gateway up"));
  client.login(process.env.DISCORD_TOKEN);
});
