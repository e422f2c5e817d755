module.exports = {
  apps: [
    {
      name: 'guild-helper',
      script: './src/shards.js',
      instances: 1,
      max_memory_restart: '1G',
    },
  ],
};
