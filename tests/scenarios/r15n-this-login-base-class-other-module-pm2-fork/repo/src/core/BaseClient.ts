import { Client, GatewayIntentBits } from 'discord.js';

export class BaseClient extends Client {
  constructor() {
    super({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
  }

  protected log(message: string): void {
    console.log(`[mod-helper] ${message}`);
  }
}
