import { Client, GatewayIntentBits } from 'discord.js';

class Assistant extends Client<true> {
  greet(name: string) {
    return `Hello, ${name}`;
  }
}

export const app = new Assistant({ intents: [GatewayIntentBits.Guilds] });
