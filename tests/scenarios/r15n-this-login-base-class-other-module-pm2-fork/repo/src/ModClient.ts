import { BaseClient } from './core/index.js';

export class ModClient extends BaseClient {
  async start(): Promise<void> {
    this.log('starting');
    await this.login(process.env.DISCORD_TOKEN);
  }
}
