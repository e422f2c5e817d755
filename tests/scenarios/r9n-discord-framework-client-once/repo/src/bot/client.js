const { SapphireClient } = require('@sapphire/framework');
const { GatewayIntentBits } = require('discord.js');

class HelpdeskClient extends SapphireClient {
  constructor() {
    super({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
  }

  async start() {
    await this.login(process.env.DISCORD_TOKEN);
  }
}

module.exports = HelpdeskClient;
