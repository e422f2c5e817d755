module.exports = {
  apps: [
    {
      name: 'guard',
      script: 'src/index.js',
      instances: 1,
    },
  ],
};
