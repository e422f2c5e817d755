module.exports = {
  apps: [{ name: 'guild-helper', script: 'src/index.js', exec_mode: 'cluster', instances: 2 }],
};
