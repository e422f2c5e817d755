const path = require('path');
const { ShardingManager } = require('discord.js');

const manager = new ShardingManager(path.join(__dirname, 'bot.js'), {
  token: process.env.BOT_TOKEN,
  totalShards: 'auto',
});

manager.on('shardCreate', (shard) => console.log(`launched shard ${shard.id}`));
manager.spawn({ amount: 'auto', delay: 5500 });
