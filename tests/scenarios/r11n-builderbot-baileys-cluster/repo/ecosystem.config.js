module.exports = {
  apps: [{ name: 'shop-assistant', script: 'app.js', exec_mode: 'cluster', instances: 2 }],
};
