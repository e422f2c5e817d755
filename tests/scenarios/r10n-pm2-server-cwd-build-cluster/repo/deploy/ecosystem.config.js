module.exports = {
  apps: [
    {
      name: 'canteen-bot',
      cwd: '/srv/canteen-bot',
      script: 'index.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
