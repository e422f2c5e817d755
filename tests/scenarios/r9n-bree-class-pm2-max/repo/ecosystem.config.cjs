module.exports = {
  apps: [{ name: 'newsletter', script: 'src/server.js', instances: 'max', exec_mode: 'cluster' }],
};
