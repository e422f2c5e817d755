const { Client, GatewayIntentBits } = require('discord.js')

const shardOptions = process.env.SHARD_ID
  ? { shards: Number(process.env.SHARD_ID), shardCount: Number(process.env.SHARD_COUNT) }
  : {}
const client = new Client({ intents: [GatewayIntentBits.Guilds], ...shardOptions })
client.login(process.env.DISCORD_TOKEN)
