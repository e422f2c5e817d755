module.exports = {
  apps: [
    {
      name: 'echo',
      script: 'src/bot.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
