module.exports = {
  apps: [{ name: 'reminders', script: 'src/main.js', instances: 2, exec_mode: 'cluster' }],
};
