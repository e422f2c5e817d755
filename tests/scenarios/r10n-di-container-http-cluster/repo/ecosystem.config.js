module.exports = {
  apps: [{ name: 'stock-bot', script: 'dist/main.js', instances: 2, exec_mode: 'cluster' }],
};
