module.exports = {
  apps: [{
    name: 'bot',
    script: './bot.js',
    instances: 'max',
    exec_mode: 'cluster',
  }],
};
