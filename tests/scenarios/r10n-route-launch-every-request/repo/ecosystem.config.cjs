module.exports = {
  apps: [{ name: 'shop-admin', script: 'src/app.js', exec_mode: 'cluster', instances: 2 }],
};
