module.exports = {
  apps: [{ name: 'tavern', script: 'src/cluster.js', instances: 1, exec_mode: 'fork' }],
};
