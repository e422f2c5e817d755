module.exports = {
  apps: [
    {
      name: 'quote-keeper',
      script: 'src/index.js',
      exec_mode: 'fork',
      instances: 1,
    },
  ],
};
