const { Client: DiscordClient, GatewayIntentBits, REST, Routes } = require('discord.js');

class Gateway extends DiscordClient {
  constructor() {
    super({ intents: [GatewayIntentBits.Guilds] });
  }

  async publishCommands(commands) {
    const rest = new REST().setToken(process.env.RAID_TOKEN);
    await rest.put(Routes.applicationCommands(process.env.RAID_APP_ID), { body: commands });
  }

  boot() {
    this.once('ready', () => console.log('raid helper online'));
    return this.login(process.env.RAID_TOKEN);
  }
}

module.exports = { Gateway };
