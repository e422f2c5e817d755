module.exports = {
  apps: [
    {
      name: 'digest',
      script: 'src/app.mjs',
      instances: 3,
      exec_mode: 'cluster',
    },
  ],
};
