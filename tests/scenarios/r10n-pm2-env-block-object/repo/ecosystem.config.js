module.exports = {
  apps: [
    {
      name: 'reminders',
      script: 'worker.js',
      env_production: { TEAM_CHANNEL: '#standup' },
      env: { TZ: 'UTC' },
    },
  ],
};
