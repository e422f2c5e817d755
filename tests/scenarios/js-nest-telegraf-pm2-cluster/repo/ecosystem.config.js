module.exports = {
  apps: [
    {
      name: 'nest-bot',
      script: 'dist/main.js',
      exec_mode: 'cluster',
      instances: 'max',
      env: { NODE_ENV: 'production' },
    },
  ],
};
