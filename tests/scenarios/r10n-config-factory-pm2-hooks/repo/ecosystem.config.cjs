module.exports = {
  apps: [
    {
      name: 'pingbot',
      script: 'app.mjs',
      instances: 3,
      exec_mode: 'cluster',
      env: { DELIVERY: 'hooks' },
    },
  ],
};
