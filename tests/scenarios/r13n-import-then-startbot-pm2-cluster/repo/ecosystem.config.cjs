module.exports = {
  apps: [
    {
      name: 'card-table',
      script: 'src/server.js',
      exec_mode: 'cluster',
      instances: 4,
    },
  ],
};
