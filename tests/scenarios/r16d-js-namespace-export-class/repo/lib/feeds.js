const { Client, GatewayIntentBits } = require('discord.js')

class Feeds {
  constructor (options) {
    this.options = options
  }

  connect (token) {
    const client = new Client({ intents: [GatewayIntentBits.Guilds] })
    client.login(token).then(() => console.log('ready'))
  }
}

module.exports = Feeds
