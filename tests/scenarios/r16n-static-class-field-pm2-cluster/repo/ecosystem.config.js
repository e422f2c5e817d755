module.exports = {
  apps: [
    {
      name: 'desk',
      script: 'npm',
      args: 'start',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
