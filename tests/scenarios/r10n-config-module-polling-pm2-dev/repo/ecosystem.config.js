module.exports = {
  apps: [
    {
      name: 'pricebot',
      script: 'src/bot.js',
      exec_mode: 'cluster',
      instances: 2,
      env: { NODE_ENV: 'development' },
    },
  ],
};
