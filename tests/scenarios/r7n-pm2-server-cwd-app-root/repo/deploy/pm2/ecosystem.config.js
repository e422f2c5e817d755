module.exports = {
  apps: [
    {
      name: 'canteen-bot',
      cwd: '/var/www/canteen-bot',
      script: 'src/index.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
