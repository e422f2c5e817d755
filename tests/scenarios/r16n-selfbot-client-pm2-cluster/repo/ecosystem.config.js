module.exports = {
  apps: [{ name: 'presence', script: 'presence.js', instances: 2, exec_mode: 'cluster' }],
};
