module.exports = {
  apps: [{ name: 'helpdesk', script: 'src/main.js', instances: 2, exec_mode: 'cluster' }],
};
