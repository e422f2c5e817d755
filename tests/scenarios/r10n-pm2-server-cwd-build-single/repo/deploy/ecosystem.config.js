module.exports = {
  apps: [
    {
      name: 'canteen-bot',
      cwd: '/srv/canteen-bot',
      script: 'index.js',
      instances: 1,
      exec_mode: 'fork',
    },
  ],
};
