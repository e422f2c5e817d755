module.exports = {
  apps: [
    {
      name: 'leaderboard',
      script: './src/main.js',
      exec_mode: 'cluster',
      instances: 'max',
    },
  ],
};
