module.exports = {
  apps: [{ name: 'bot', script: 'bot.js', instances: 1, exec_mode: 'fork' }],
};
