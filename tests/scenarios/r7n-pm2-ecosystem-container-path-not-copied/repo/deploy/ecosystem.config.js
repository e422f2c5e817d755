module.exports = {
  apps: [
    {
      name: 'status-bot',
      script: '/srv/status/src/bot.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
