module.exports = {
  apps: [
    {
      name: 'mirror',
      script: 'dist/index.js',
      instances: 'max',
      exec_mode: 'cluster',
    },
  ],
};
