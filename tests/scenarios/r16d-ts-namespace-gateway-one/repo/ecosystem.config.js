module.exports = {
  apps: [{ name: 'dice', script: 'dist/main.js', instances: 1, exec_mode: 'cluster' }]
}
