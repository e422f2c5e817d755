module.exports = {
  apps: [{ name: 'judge-api', script: 'index.js', exec_mode: 'cluster', instances: 2 }],
};
