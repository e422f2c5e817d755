module.exports = {
  apps: [{ name: 'notify', script: './dist/main.js', instances: 2, exec_mode: 'cluster' }],
};
