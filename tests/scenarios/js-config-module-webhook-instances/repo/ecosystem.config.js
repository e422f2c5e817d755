module.exports = {
  apps: [{ name: 'weather-bot', script: 'src/index.mjs', instances: 2 }],
};
