module.exports = {
  apps: [
    {
      name: 'nest-bot',
      script: 'dist/main.js',
      exec_mode: 'fork',
      instances: 1,
      env: { NODE_ENV: 'production' },
    },
  ],
};
