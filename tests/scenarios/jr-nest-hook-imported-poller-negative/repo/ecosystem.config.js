module.exports = {
  apps: [{ name: 'bot', script: 'dist/main.js', instances: 2 }],
};
