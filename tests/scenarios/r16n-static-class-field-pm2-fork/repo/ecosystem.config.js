module.exports = {
  apps: [
    {
      name: 'desk',
      script: 'npm',
      args: 'start',
      exec_mode: 'fork',
    },
  ],
};
