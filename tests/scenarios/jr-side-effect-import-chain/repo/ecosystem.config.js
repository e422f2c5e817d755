module.exports = {
  apps: [{ name: 'bot', script: 'index.js', instances: 2 }],
};
