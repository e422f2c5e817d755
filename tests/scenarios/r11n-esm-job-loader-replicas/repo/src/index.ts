import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';

const here = dirname(fileURLToPath(import.meta.url));
const client = new Client({ intents: [GatewayIntentBits.Guilds] });

client.once(Events.ClientReady, async () => {
  for (const file of readdirSync(join(here, 'jobs'))) {
    const { startCron } = await import(pathToFileURL(join(here, 'jobs', file)).href);
    startCron(client);
  }
});

client.login(process.env.DISCORD_TOKEN);
