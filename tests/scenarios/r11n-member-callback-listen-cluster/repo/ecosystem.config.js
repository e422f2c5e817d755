module.exports = {
  apps: [{ name: 'orders', script: './src/server.js', instances: 2, exec_mode: 'cluster' }],
};
