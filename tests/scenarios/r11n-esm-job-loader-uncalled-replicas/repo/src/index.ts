import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';

const here = dirname(fileURLToPath(import.meta.url));
const client = new Client({ intents: [GatewayIntentBits.Guilds] });
const jobs: Record<string, unknown> = {};

client.once(Events.ClientReady, async () => {
  for (const file of readdirSync(join(here, 'jobs'))) {
    jobs[file] = await import(pathToFileURL(join(here, 'jobs', file)).href);  // listed by /jobs, never started
  }
});

client.login(process.env.DISCORD_TOKEN);
