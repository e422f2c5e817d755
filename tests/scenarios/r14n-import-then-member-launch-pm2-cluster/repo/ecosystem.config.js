module.exports = {
  apps: [
    {
      name: 'shop-api',
      script: './src/server.js',
      instances: 2,
      exec_mode: 'cluster',
    },
  ],
};
