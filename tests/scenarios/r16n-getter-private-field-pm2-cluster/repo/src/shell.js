const { Client, GatewayIntentBits } = require("discord.js");

class Shell {
  #gateway = new Client({ intents: [GatewayIntentBits.Guilds] });

  get gateway() {
    return this.#gateway;
  }
}

module.exports = Shell;
