module.exports = {
  apps: [{ name: 'dice', script: 'dist/main.js', instances: 2, exec_mode: 'cluster' }]
}
