module.exports = {
  apps: [{ name: 'tavern', script: 'src/cluster.js', instances: 2, exec_mode: 'fork' }],
};
