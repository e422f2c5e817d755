module.exports = {
  apps: [{
    name: 'rates',
    script: 'src/server.js',
    instances: 'max',
    exec_mode: 'cluster',
  }],
};
