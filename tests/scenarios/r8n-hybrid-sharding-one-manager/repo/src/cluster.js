const { ClusterManager } = require('discord-hybrid-sharding');

const manager = new ClusterManager(`${__dirname}/tavern.js`, {
  totalShards: 'auto',
  shardsPerClusters: 2,
  mode: 'process',
  token: process.env.TAVERN_TOKEN,
});

manager.on('clusterCreate', (cluster) => console.log(`cluster ${cluster.id} up`));
manager.spawn({ timeout: -1 });
