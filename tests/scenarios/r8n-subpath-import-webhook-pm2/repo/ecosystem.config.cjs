module.exports = {
  apps: [{ name: 'standup', script: 'src/main.js', instances: 2 }],
};
