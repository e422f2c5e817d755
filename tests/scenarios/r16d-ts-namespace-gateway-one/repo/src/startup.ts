import { Client, GatewayIntentBits } from "discord.js";

export namespace Startup {
  export function makeClient(): Client {
    return new Client({ intents: [GatewayIntentBits.Guilds] });
  }

  export function connect(client: Client): void {
    client.login(process.env.DISCORD_TOKEN);
  }
}
