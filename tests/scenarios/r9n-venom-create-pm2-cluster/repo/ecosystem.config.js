module.exports = {
  apps: [{ name: 'delivery', script: 'src/server.js', instances: 'max', exec_mode: 'cluster' }],
};
