module.exports = {
  apps: [{ name: 'mod-helper', script: 'dist/main.js', instances: 1 }],
};
