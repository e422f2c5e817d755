module.exports = {
  apps: [{ name: 'bot', script: 'dist/index.js', instances: 2 }],
};
