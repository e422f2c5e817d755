import { Client, GatewayIntentBits } from 'discord.js';

const client = new Client({ intents: [GatewayIntentBits.Guilds] });
client.on('ready', () => console.log('ready'));
client.login(process.env.DISCORD_TOKEN);
