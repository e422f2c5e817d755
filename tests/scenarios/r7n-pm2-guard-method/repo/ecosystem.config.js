module.exports = {
  apps: [
    {
      name: 'shop-bot',
      script: './src/index.js',
      instances: 'max',
      exec_mode: 'cluster',
      env: { NODE_ENV: 'production' },
    },
  ],
};
