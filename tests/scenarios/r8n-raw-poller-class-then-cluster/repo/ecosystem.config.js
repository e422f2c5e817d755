module.exports = {
  apps: [{
    name: 'ticker',
    script: 'app.js',
    exec_mode: 'cluster',
    instances: 2,
  }],
};
