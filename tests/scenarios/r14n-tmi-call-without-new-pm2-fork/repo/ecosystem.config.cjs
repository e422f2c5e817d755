module.exports = {
  apps: [
    {
      name: 'relay',
      script: './server.mjs',
      exec_mode: 'fork',
      instances: 1,
    },
  ],
};
