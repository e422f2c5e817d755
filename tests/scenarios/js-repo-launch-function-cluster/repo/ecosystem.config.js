module.exports = {
  apps: [{ name: 'web', script: './app.js', exec_mode: 'cluster', instances: 4 }],
};
