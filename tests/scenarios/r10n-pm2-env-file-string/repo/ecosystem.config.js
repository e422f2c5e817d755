module.exports = {
  apps: [
    {
      name: 'reminders',
      script: 'worker.js',
      env_file: '.env.production',
      env: { TZ: 'UTC' },
    },
  ],
};
