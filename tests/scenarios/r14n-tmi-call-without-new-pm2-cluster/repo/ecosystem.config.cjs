module.exports = {
  apps: [
    {
      name: 'relay',
      script: './server.mjs',
      exec_mode: 'cluster',
      instances: 'max',
    },
  ],
};
