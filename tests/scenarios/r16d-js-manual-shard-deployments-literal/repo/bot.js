const { Client, GatewayIntentBits } = require('discord.js')

const client = new Client({ intents: [GatewayIntentBits.Guilds], shards: 'auto' })
client.login(process.env.DISCORD_TOKEN)
