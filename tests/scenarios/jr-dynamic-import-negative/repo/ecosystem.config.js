module.exports = {
  apps: [{ name: 'bot', script: 'index.mjs', instances: 2 }],
};
