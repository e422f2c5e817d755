module.exports = {
  apps: [
    {
      name: 'quotes-api',
      script: 'dist/app.js',
      exec_mode: 'cluster',
      instances: 3,
    },
  ],
};
