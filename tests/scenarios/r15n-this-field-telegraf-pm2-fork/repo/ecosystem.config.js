module.exports = {
  apps: [
    {
      name: 'reminder-bot',
      script: './src/index.js',
      instances: 1,
      exec_mode: 'fork',
    },
  ],
};
