import { Client, GatewayIntentBits } from 'discord.js';
import { singleton } from 'tsyringe';

@singleton()
export class Bot extends Client {
    constructor() {
        super({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates] });
    }

    registerEvents(): void {
        this.on('ready', () => console.log(`ready as ${this.user?.tag}`));
    }
}
