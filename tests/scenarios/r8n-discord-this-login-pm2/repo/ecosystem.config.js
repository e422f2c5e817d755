module.exports = {
  apps: [{ name: 'raidhelper', script: 'src/index.js', instances: 2, exec_mode: 'cluster' }],
};
