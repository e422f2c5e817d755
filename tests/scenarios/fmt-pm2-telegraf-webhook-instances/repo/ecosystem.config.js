module.exports = {
  apps: [{ name: 'bot', script: 'bot.js', instances: 4 }],
};
