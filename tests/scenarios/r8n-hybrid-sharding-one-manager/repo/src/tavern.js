const { ClusterClient, getInfo } = require('discord-hybrid-sharding');
const { Client, GatewayIntentBits } = require('discord.js');

const client = new Client({
  shards: getInfo().SHARD_LIST,
  shardCount: getInfo().TOTAL_SHARDS,
  intents: [GatewayIntentBits.Guilds],
});
client.cluster = new ClusterClient(client);
client.login(process.env.TAVERN_TOKEN);
