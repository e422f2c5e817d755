module.exports = {
  apps: [
    {
      name: 'reports',
      script: './src/server.js',
      instances: 4,
      exec_mode: 'cluster',
    },
  ],
};
