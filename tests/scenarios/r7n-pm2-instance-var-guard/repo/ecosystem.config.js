module.exports = {
  apps: [
    {
      name: 'orders',
      script: 'src/main.js',
      instances: 'max',
      exec_mode: 'cluster',
      instance_var: 'INSTANCE_ID',
    },
  ],
};
