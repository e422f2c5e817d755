module.exports = {
  apps: [
    { name: 'api', script: 'dist/main.js', instances: 'max', exec_mode: 'cluster' },
  ],
};
