module.exports = {
  apps: [
    {
      name: 'reminder-bot',
      script: './src/index.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
