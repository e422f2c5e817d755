const { ShardingManager, Client, GatewayIntentBits } = require('discord.js')

if (process.env.SHARDING_MANAGER) {
  // a shard: the manager spawned this process with its own share of guilds
  const client = new Client({ intents: [GatewayIntentBits.Guilds] })
  client.login(process.env.DISCORD_TOKEN)
} else {
  new ShardingManager('./bot.js', { token: process.env.DISCORD_TOKEN }).spawn()
}
