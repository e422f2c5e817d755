module.exports = {
  apps: [
    {
      name: 'reminders',
      script: 'index.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
