import cron from 'node-cron';
import type { Client } from 'discord.js';

export function startCron(client: Client): void {
  cron.schedule('0 18 * * 3', () => console.log('raid tonight for', client.user?.tag));
}
