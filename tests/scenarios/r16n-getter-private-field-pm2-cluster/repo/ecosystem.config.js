module.exports = {
  apps: [
    {
      name: 'guard',
      script: 'src/index.js',
      instances: 3,
      exec_mode: 'cluster',
    },
  ],
};
