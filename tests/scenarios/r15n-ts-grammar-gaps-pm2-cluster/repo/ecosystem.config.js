module.exports = {
  apps: [{ name: 'guild-tools', script: 'dist/index.js', instances: 2, exec_mode: 'cluster' }],
};
