module.exports = {
  apps: [{ name: 'rates-sync', script: 'src/main.js', instances: 2, exec_mode: 'cluster' }],
};
