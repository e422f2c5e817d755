const Discord = require('discord.js')

function start (token) {
  if (token instanceof Discord.ShardingManager) return token.spawn()
  const client = new Discord.Client({ intents: [Discord.GatewayIntentBits.Guilds] })
  client.login(token)
    .then(() => console.log('one client, no shards'))
    .catch((err) => {
      // only when the bot outgrew one connection: fall back to a manager
      if (err.message.includes('sharding required')) new Discord.ShardingManager('./bot.js').spawn()
      else console.error('cannot log in (not a ShardingManager problem)', err)
    })
}

start(process.env.DISCORD_TOKEN)
