module.exports = {
  apps: [
    {
      name: 'pay-watch',
      script: 'npm',
      args: 'start',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
