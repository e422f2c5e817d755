module.exports = {
  apps: [{ name: 'mod-helper', script: 'dist/main.js', instances: 'max', exec_mode: 'cluster' }],
};
