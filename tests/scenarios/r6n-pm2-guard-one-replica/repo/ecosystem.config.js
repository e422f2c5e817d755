module.exports = {
  apps: [{ name: "shop", script: "./server.js", instances: 4, exec_mode: "cluster" }],
};
