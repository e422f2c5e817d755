module.exports = {
  apps: [{ name: 'support-desk', script: 'dist/main.js', instances: 2, exec_mode: 'cluster' }],
};
