module.exports = {
  apps: [{ name: 'presence', script: 'presence.js', instances: 1, exec_mode: 'fork' }],
};
