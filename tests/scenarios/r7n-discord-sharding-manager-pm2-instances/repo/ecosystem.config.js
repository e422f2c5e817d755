module.exports = {
  apps: [
    {
      name: 'guild-helper',
      script: './src/shards.js',
      instances: 2,
      exec_mode: 'cluster',
      max_memory_restart: '1G',
    },
  ],
};
