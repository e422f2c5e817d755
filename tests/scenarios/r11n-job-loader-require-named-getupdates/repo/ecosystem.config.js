module.exports = {
  apps: [{ name: 'feeder', script: './main.js', exec_mode: 'cluster', instances: 2 }],
};
