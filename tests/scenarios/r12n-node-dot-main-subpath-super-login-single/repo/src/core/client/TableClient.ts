import { Client, GatewayIntentBits } from "discord.js";

export class TableClient extends Client {
  constructor() {
    super({ intents: [GatewayIntentBits.Guilds] });
  }

  public override login() {
    return super.login(process.env.DISCORD_TOKEN);
  }
}
