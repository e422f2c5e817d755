module.exports = {
  apps: [
    {
      name: 'mirror',
      script: 'dist/index.js',
      exec_mode: 'fork',
    },
  ],
};
