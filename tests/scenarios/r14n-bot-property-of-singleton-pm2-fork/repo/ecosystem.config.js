module.exports = {
  apps: [
    {
      name: 'quotes-api',
      script: 'dist/app.js',
      exec_mode: 'fork',
      instances: 1,
    },
  ],
};
